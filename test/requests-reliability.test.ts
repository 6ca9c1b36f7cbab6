import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database.js';

/**
 * Issue 4, reliability: a burst of public submissions while the server is killed (SIGKILL) loses
 * no application that received a 受理编号 and creates no duplicate for a submission token.
 * Runs the real server (`gongkai serve`) on a temporary SQLite file.
 */

const ORG = 'rel-org';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-rel-'));
const dbFile = path.join(dir, 'gongkai.db');
let server: ChildProcess | null = null;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function env(port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: `sqlite:${dbFile}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    WORKER: 'off',
    TRUST_PROXY: 'true',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'r'.repeat(48),
    DATA_KEY: '0123456789abcdef0123456789abcdef',
  };
}

function cli(args: string[], port: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: process.cwd(),
    env: env(port),
    stdio: 'ignore',
  });
}

async function startServer(port: number): Promise<ChildProcess> {
  const child = cli(['serve'], port);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

/** A valid 居民身份证号 (GB 11643 checksum) with serial number `n`. */
function residentId(n: number): string {
  const body = `110105199001${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = [...body].reduce((acc, d, i) => acc + Number(d) * (w[i] ?? 0), 0);
  return body + '10X98765432'.charAt(s % 11);
}

interface Outcome {
  token: string;
  ref: string | null;
}

/** GET the form (cookies, CSRF, token), then POST it once or twice with the same token. */
async function submit(port: number, n: number, twice: boolean): Promise<Outcome[]> {
  const ip = `198.18.${Math.floor(n / 250)}.${1 + (n % 250)}`;
  const page = await fetch(`http://127.0.0.1:${port}/${ORG}/apply`, {
    headers: { 'x-forwarded-for': ip },
  });
  const html = await page.text();
  const token = /name="submission_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const post = async (): Promise<Outcome> => {
    const form = new FormData();
    const fields: Record<string, string> = {
      _csrf: csrf,
      submission_token: token,
      applicant_kind: 'person',
      name: '压力测试',
      id_type: 'resident_id',
      id_number: residentId(n),
      phone: '13812345678',
      description: `第${n}件申请的政府信息`,
      delivery: 'email',
      email: 'a@example.com',
    };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/${ORG}/apply`, {
        method: 'POST',
        body: form,
        redirect: 'manual',
        headers: { cookie, 'x-forwarded-for': ip },
      });
      const ref = res.status === 303 ? res.headers.get('x-application-ref') : null;
      return { token, ref };
    } catch {
      return { token, ref: null };
    }
  };
  return twice ? Promise.all([post(), post()]) : [await post()];
}

describe('submissions survive SIGKILL of the server', () => {
  afterAll(() => {
    server?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores every application that got a 受理编号 exactly once, and one row per token', async () => {
    const port = await freePort();
    const exchange = path.join(dir, 'orgs.json');
    fs.writeFileSync(
      exchange,
      JSON.stringify({
        format: 'gongkai-exchange',
        version: 1,
        orgs: [
          { code: ORG, name: '可靠性测试单位', parent: null, kind: 'department', contact: {} },
        ],
      }),
    );
    const imported = cli(['import', exchange], port);
    expect(await new Promise((r) => imported.on('exit', r))).toBe(0);

    server = await startServer(port);
    const burst = Array.from({ length: 40 }, (_, n) =>
      submit(port, n, n % 7 === 0).catch((): Outcome[] => []),
    );
    // Kill once some submissions have been answered, while others are in flight.
    await Promise.race([Promise.all(burst.slice(0, 12)), new Promise((r) => setTimeout(r, 2500))]);
    server.kill('SIGKILL');
    const outcomes = (await Promise.all(burst)).flat();
    server = await startServer(port);
    server.kill('SIGTERM');
    await new Promise((r) => server?.on('exit', r));
    server = null;

    const answered = outcomes.filter((o): o is Outcome & { ref: string } => o.ref !== null);
    expect(answered.length).toBeGreaterThan(0);
    const database = openDatabase(`sqlite:${dbFile}`);
    try {
      const rows = await database.db
        .selectFrom('applications')
        .select(['ref', 'submission_token'])
        .execute();
      for (const o of answered) {
        expect(rows.filter((r) => r.ref === o.ref)).toHaveLength(1);
        expect(rows.find((r) => r.ref === o.ref)?.submission_token).toBe(o.token);
      }
      const tokens = rows.map((r) => r.submission_token);
      expect(new Set(tokens).size).toBe(tokens.length);
      // Both posts of a duplicated token got the same 受理编号.
      const byToken = new Map<string, Set<string>>();
      for (const o of answered)
        byToken.set(o.token, (byToken.get(o.token) ?? new Set()).add(o.ref));
      for (const refs of byToken.values()) expect(refs.size).toBe(1);
    } finally {
      await database.close();
    }
  }, 45_000);
});
