import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { createContext } from '../../src/platform/bootstrap.js';
import type { AppContext } from '../../src/platform/context.js';
import { buildApp } from '../../src/platform/http/app.js';
import {
  cookieHeader,
  createTestOrg,
  csrfFrom,
  storeCookies,
  type CookieJar,
} from '../factories.js';

/**
 * Issue 8 "SQLite on a full disk": the database lives on a small tmpfs that is then filled up.
 * Submissions get a clear 503 (ERR_STORAGE_FULL) instead of a 500, every application that was
 * acknowledged is stored, the file passes PRAGMA integrity_check, and once space is freed the
 * same running app stores submissions again. Needs root for mount (CI runs as root).
 */
const fields = {
  applicant_kind: 'person',
  name: '张三',
  id_type: 'resident_id',
  id_number: '11010519491231002X',
  phone: '13812345678',
  email: 'zs@example.com',
  description: '2025年度财政预算执行情况'.repeat(20),
  delivery: 'email',
};

function multipart(form: Record<string, string>): { payload: string; type: string } {
  const b = '----gk' + Math.random().toString(16).slice(2);
  const parts = Object.entries(form).map(
    ([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  return { payload: `${parts.join('')}--${b}--\r\n`, type: `multipart/form-data; boundary=${b}` };
}

describe('SQLite on a full disk', () => {
  const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-full-'));
  let ctx: AppContext;
  let app: FastifyInstance;
  let n = 0;

  beforeAll(async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt]);
    ctx = await createContext(
      loadConfig({
        DATABASE_URL: `sqlite:${path.join(mnt, 'gk.sqlite')}`,
        LOG_LEVEL: 'error',
        WORKER: 'off',
      }),
    );
    await createTestOrg(ctx, { code: 'full-org', name: '磁盘已满演练单位' });
    app = await buildApp(ctx);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await ctx?.database.close().catch(() => undefined);
    try {
      execFileSync('umount', [mnt]);
    } catch {
      // not mounted
    }
    fs.rmSync(mnt, { recursive: true, force: true });
  });

  /** One applicant (own address, so the intake limits don't trip) submitting the form. */
  async function submit(): Promise<LightMyRequestResponse> {
    const ip = `10.9.${Math.floor(n / 250)}.${(n % 250) + 1}`;
    n++;
    const jar: CookieJar = new Map();
    const page = await app.inject({ method: 'GET', url: '/full-org/apply', remoteAddress: ip });
    storeCookies(jar, page);
    const token = /name="submission_token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const m = multipart({ _csrf: csrfFrom(page.body), submission_token: token, ...fields });
    return app.inject({
      method: 'POST',
      url: '/full-org/apply',
      remoteAddress: ip,
      headers: { cookie: cookieHeader(jar), 'content-type': m.type, accept: 'application/json' },
      payload: m.payload,
    });
  }

  it('refuses writes with 503 ERR_STORAGE_FULL, loses nothing acknowledged, and recovers', async () => {
    // Fill the disk, leaving a little room so the first submissions succeed.
    const filler = path.join(mnt, 'filler');
    const fd = fs.openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) fs.writeSync(fd, chunk);
    } catch (e) {
      expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    fs.closeSync(fd);
    fs.truncateSync(filler, Math.max(0, fs.statSync(filler).size - 96 * 1024));

    const acknowledged: string[] = [];
    let full: LightMyRequestResponse | null = null;
    for (let i = 0; i < 400 && !full; i++) {
      const res = await submit();
      if (res.statusCode === 303) acknowledged.push(String(res.headers['x-application-ref']));
      else if (res.statusCode === 503) full = res;
      else throw new Error(`unexpected ${res.statusCode}: ${res.body.slice(0, 500)}`);
    }
    expect(full).not.toBeNull();
    expect(full?.json()).toMatchObject({ error: { code: 'ERR_STORAGE_FULL' } });
    expect(full?.headers['retry-after']).toBeDefined();
    expect(acknowledged.length).toBeGreaterThan(0);
    // Reads still work while the disk is full.
    const page = await app.inject({ method: 'GET', url: '/full-org/apply' });
    expect(page.statusCode).toBe(200);

    // Space is freed: the same app stores submissions again.
    fs.rmSync(filler);
    const after = await submit();
    expect(after.statusCode).toBe(303);
    acknowledged.push(String(after.headers['x-application-ref']));

    const stored = (await ctx.db.selectFrom('applications').select('ref').execute()).map(
      (r) => r.ref,
    );
    expect(stored.sort()).toEqual([...acknowledged].sort());
    await ctx.database.close();
    const check = new SQLite(path.join(mnt, 'gk.sqlite'), { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    console.log(
      `sqlite full disk: ${acknowledged.length} acknowledged and stored, refused with ERR_STORAGE_FULL after ${n - 1} submissions`,
    );
  }, 120_000);
});
