import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import type { CliIO } from './io.js';

describe('gongkai check site', () => {
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-site-'));
    url = `sqlite:${path.join(dir, 'db.sqlite')}`;
    const database = openDatabase(url);
    await migrateToLatest(database.db);
    const now = new Date().toISOString();
    for (const code of ['edu', 'tax'])
      await database.db
        .insertInto('orgs')
        .values({
          code,
          name: `${code}局`,
          parent_id: null,
          kind: 'department',
          index_template: '{}',
          created_at: now,
          updated_at: now,
          uscc: null,
          site_id_code: null,
          contact_office: null,
          contact_address: null,
          contact_hours: null,
          contact_phone: null,
          contact_fax: null,
          contact_email: null,
          contact_postcode: null,
          contact_confirmed_on: null,
        })
        .execute();
    await database.close();
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const io: CliIO = {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      env: { DATABASE_URL: url, LOG_LEVEL: 'silent', DATA_KEY: '00112233445566778899aabbccddeeff' },
      readStdin: async () => '',
    };
    const code = await main(['check', 'site', ...args], io);
    return { code, out, err };
  };

  it('scans one org and prints the findings summary as JSON; a veto exits 1', async () => {
    const r = await run(['--org', 'edu', '--format', 'json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as {
      scan: { orgs: number; opened: number };
      orgs: Array<{ code: string; vetoed: boolean; by_kind: Record<string, number> }>;
    };
    expect(doc.scan.orgs).toBe(1);
    expect(doc.orgs).toHaveLength(1);
    expect(doc.orgs[0]).toMatchObject({
      code: 'edu',
      vetoed: true,
      by_kind: { home_not_updated: 1, guide_unconfirmed: 1, contact_unconfirmed: 1 },
    });
    expect(doc.scan.opened).toBe(3);
  });

  it('scans all orgs in text mode; a rescan opens nothing new', async () => {
    const r = await run([]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('新发现 3 个问题');
    expect(r.out).toContain('edu局（edu）');
    expect(r.out).toContain('tax局（tax）');
    expect(r.out).toContain('首页不更新');
  });

  it('reports usage errors with exit code 2 and an unknown org with 1', async () => {
    expect((await run(['--format', 'xml'])).code).toBe(2);
    expect((await run(['extra'])).code).toBe(2);
    const unknown = await run(['--org', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('ERR_ORG_NOT_FOUND');
  });
});
