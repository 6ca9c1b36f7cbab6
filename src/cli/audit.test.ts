import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { main } from '../cli.js';
import { audit } from '../platform/audit/audit.service.js';
import { systemActor } from '../platform/authz.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { testContext } from '../platform/db/test-helper.js';
import type { CliIO } from './io.js';

let dir: string;
let file: string;

function collectingIo(): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    env: { DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent', WORKER: 'off' },
    readStdin: async () => '',
  };
  return io;
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-audit-'));
  file = path.join(dir, 'gk.sqlite');
  const database = openDatabase(`sqlite:${file}`);
  await migrateToLatest(database.db);
  const ctx = await testContext(database);
  for (let i = 1; i <= 3; i++) {
    await ctx.db.transaction().execute((trx) =>
      audit(ctx, trx, systemActor(), {
        orgId: null,
        action: 'test.change',
        targetType: 'thing',
        targetId: i,
        after: { n: i },
      }),
    );
  }
  await database.close();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function tamper(
  statement: (db: ReturnType<typeof openDatabase>['db']) => Promise<unknown>,
): Promise<void> {
  const database = openDatabase(`sqlite:${file}`);
  await statement(database.db);
  await database.close();
}

it('reports an intact log with its entry count and exit 0', async () => {
  const io = collectingIo();
  expect(await main(['audit', 'verify'], io)).toBe(0);
  expect(io.out).toBe('审计日志完整：3 条记录\n');
});

it('names the edited entry and exits 1', async () => {
  await tamper((db) =>
    db.updateTable('audit_log').set({ actor_name: 'someone-else' }).where('seq', '=', 2).execute(),
  );
  const io = collectingIo();
  expect(await main(['audit', 'verify'], io)).toBe(1);
  expect(io.out).toContain('第 2 条记录被修改（edited）');
});

it('prints JSON for machines', async () => {
  await tamper((db) => db.deleteFrom('audit_log').where('seq', '=', 3).execute());
  const io = collectingIo();
  expect(await main(['audit', 'verify', '--format', 'json'], io)).toBe(1);
  expect(JSON.parse(io.out)).toMatchObject({
    ok: false,
    entries: 2,
    problem: { seq: 3, kind: 'deleted' },
  });
});

it('rejects an unknown subcommand with a usage error', async () => {
  const io = collectingIo();
  expect(await main(['audit', 'check'], io)).toBe(2);
  expect(io.err).toContain('gongkai audit verify');
});
