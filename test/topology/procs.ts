import { spawn, type ChildProcess } from 'node:child_process';
import { totpCode } from '../../src/accounts/credentials.js';
import type { TestUser } from '../factories.js';

/**
 * Child processes of the real app for topology and fault tests (issue 8): `gongkai serve` and
 * `gongkai worker` run from the sources through tsx, so a stale dist/ never matters.
 */

export const SESSION_SECRET = 't'.repeat(48);
export const DATA_KEY = '0123456789abcdef0123456789abcdef';

export function appEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    WORKER: 'off',
    TRUST_PROXY: 'true',
    LOG_LEVEL: 'silent',
    SESSION_SECRET,
    DATA_KEY,
    ...extra,
  };
}

/** Spawns `gongkai <args>` from the sources. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: process.cwd(),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Waits until `${base}/healthz` answers 200. */
export async function waitHealthy(base: string, child: ChildProcess, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base} did not become healthy`);
}

/** Kills a child and waits for it to exit. */
export async function kill(
  child: ChildProcess | null | undefined,
  signal: NodeJS.Signals = 'SIGKILL',
): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** A tiny cookie jar over fetch. */
export class Browser {
  readonly jar = new Map<string, string>();
  constructor(private readonly ip = '203.0.113.7') {}

  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private store(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (value === '' || /max-age=0/i.test(c)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  async get(url: string): Promise<{ status: number; body: string; location: string | null }> {
    const res = await fetch(url, {
      headers: { cookie: this.cookie, 'x-forwarded-for': this.ip },
      redirect: 'manual',
    });
    this.store(res);
    return { status: res.status, body: await res.text(), location: res.headers.get('location') };
  }

  async post(
    url: string,
    form: Record<string, string>,
  ): Promise<{ status: number; body: string; location: string | null }> {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        cookie: this.cookie,
        'x-forwarded-for': this.ip,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form),
      redirect: 'manual',
    });
    this.store(res);
    return { status: res.status, body: await res.text(), location: res.headers.get('location') };
  }
}

export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF field in the page');
  return m[1];
}

/** Signs a staff user in through the real HTTP routes of `base`: password, then TOTP. */
export async function signInOver(
  base: string,
  user: TestUser,
  browser = new Browser(),
): Promise<Browser> {
  const login = await browser.get(`${base}/admin/login`);
  const pw = await browser.post(`${base}/admin/login`, {
    _csrf: csrfOf(login.body),
    username: user.username,
    password: user.password,
  });
  if (pw.status !== 303) throw new Error(`password step answered ${pw.status}`);
  if (!user.totpSecret) throw new Error('the user needs a TOTP secret');
  const page = await browser.get(`${base}/admin/login/2fa`);
  const res = await browser.post(`${base}/admin/login/2fa`, {
    _csrf: csrfOf(page.body),
    code: await totpCode(user.totpSecret, new Date()),
  });
  if (res.status !== 303)
    throw new Error(
      `second factor answered ${res.status}: ${/错误[^<]*|data-error-code="[^"]*"|class="field-error"[^<]*<[^<]*/.exec(res.body)?.[0] ?? ''}`,
    );
  return browser;
}
