import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import net from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { totpCode } from '../../src/accounts/credentials.js';
import { loadConfig } from '../../src/platform/config.js';
import { contextFor, createContext } from '../../src/platform/bootstrap.js';
import { openTestDatabase } from '../../src/platform/db/test-helper.js';
import { createLogger } from '../../src/platform/logger.js';
import type { AppContext } from '../../src/platform/context.js';
import { buildApp } from '../../src/platform/http/app.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium (apt-get install chromium); CHROMIUM_PATH overrides. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((c) => c && fs.existsSync(c));
  if (!found)
    throw new Error('Chromium not found: apt-get install chromium (or set CHROMIUM_PATH)');
  return found;
}

export interface RunningSite {
  ctx: AppContext;
  app: FastifyInstance;
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the real server on a random port over a fresh SQLite file or, with
 * `E2E_DATABASE=postgres` (and TEST_DATABASE_URL), over a PostgreSQL schema of its own that is
 * dropped on stop. The journeys run on SQLite by default to keep CI short.
 */
export async function startSite(opts: { publicUrl?: boolean } = {}): Promise<RunningSite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-e2e-'));
  // With `publicUrl`, the port is chosen first so that PUBLIC_URL names the site itself (the
  // link checker crawls it).
  const port = opts.publicUrl ? await freePort() : 0;
  const config = loadConfig({
    DATABASE_URL: `sqlite:${path.join(dir, 'e2e.sqlite')}`,
    LOG_LEVEL: 'silent',
    WORKER: 'off',
    PORT: String(port),
    ...(opts.publicUrl ? { PUBLIC_URL: `http://127.0.0.1:${port}` } : {}),
  });
  let drop: (() => Promise<void>) | null = null;
  let ctx: AppContext;
  if (process.env.E2E_DATABASE === 'postgres') {
    const t = await openTestDatabase('postgres');
    drop = t.drop;
    ctx = await contextFor(config, t.database, createLogger('silent'));
  } else {
    ctx = await createContext(config);
  }
  const app = await buildApp(ctx);
  runningSites.add(ctx);
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : 0;
  return {
    ctx,
    app,
    baseUrl: `http://127.0.0.1:${bound}`,
    async stop() {
      runningSites.delete(ctx);
      await app.close();
      if (drop) await drop();
      else await ctx.database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Launches headless Chromium with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A browser context; `javaScript: false` checks that pages work without scripts. */
export async function newContext(
  browser: Browser,
  opts: { javaScript?: boolean; mobile?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    javaScriptEnabled: opts.javaScript ?? true,
    // Only so that axe-core can be injected; the site's own CSP is asserted separately.
    bypassCSP: true,
    locale: 'zh-CN',
    ...(opts.mobile
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
      : {}),
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string }>;
}

/** Runs axe-core (WCAG 2.1 A/AA and best practices) on the current page. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
  return result;
}

/** Formats violations for an assertion message. */
export function describeViolations(url: string, v: AxeViolation[]): string {
  return v.length === 0
    ? ''
    : `${url}\n${v.map((x) => `  [${x.impact}] ${x.id}: ${x.help}\n    ${x.nodes.map((n) => n.target.join(' ')).join('\n    ')}`).join('\n')}`;
}

/** Where a journey keeps its screenshots: test-artifacts/e2e/<journey>/NN-step.png. */
export const ARTIFACTS_DIR = path.resolve('test-artifacts', 'e2e');

/**
 * One user journey: every `check()` runs axe-core on the current page (zero violations asserted)
 * and keeps a numbered full-page screenshot, so a failing run leaves the screens that led to it.
 */
export class Journey {
  private n = 0;
  readonly dir: string;
  constructor(readonly name: string) {
    this.dir = path.join(ARTIFACTS_DIR, name);
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir, { recursive: true });
  }

  /** Screenshot (NN-step.png) and axe audit of the page as the user sees it now. */
  async check(page: Page, step: string): Promise<void> {
    this.n += 1;
    const file = `${String(this.n).padStart(2, '0')}-${step.replace(/[^\w-]+/g, '-')}.png`;
    await page.screenshot({ path: path.join(this.dir, file), fullPage: true });
    const v = await axeViolations(page);
    expect(v, describeViolations(`${this.name}/${step} ${page.url()}`, v)).toEqual([]);
  }
}

/** The visible text of `main`, whitespace collapsed (for assertions on what the user reads). */
export async function mainText(page: Page): Promise<string> {
  return ((await page.textContent('main')) ?? '').replace(/\s+/g, ' ');
}

/** The path of the page's URL. */
export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** Contexts of the sites started by this file's tests (see signInPage). */
const runningSites = new Set<AppContext>();

/** Signs a staff user in through the real pages: password, then the TOTP code from the secret. */
export async function signInPage(
  page: Page,
  baseUrl: string,
  user: { username: string; password: string; totpSecret?: string },
): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`);
  await page.fill('input[name="username"]', user.username);
  await page.fill('input[name="password"]', user.password);
  await page.click('main button[type="submit"]');
  if (!user.totpSecret) throw new Error('staff users in journeys enrol TOTP');
  // A journey signs the same person in again within one 30-second step; codes are single-use
  // (auth.service), so forget the step an earlier sign-in used.
  for (const ctx of runningSites)
    await ctx.db
      .updateTable('users')
      .set({ totp_last_step: null })
      .where('username', '=', user.username)
      .execute();
  await page.fill('input[name="code"]', await totpCode(user.totpSecret, new Date()));
  await page.click('main button[type="submit"]');
  if (pathOf(page) !== '/admin')
    throw new Error(`sign-in of ${user.username} ended at ${page.url()}`);
}

/** A valid 居民身份证号码 (GB 11643: region, birth date, sequence and the ISO 7064 check). */
export function residentId(birth = '19800101', seq = 123, region = '330302'): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}

/** A port free on 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const p = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(p));
    });
  });
}
