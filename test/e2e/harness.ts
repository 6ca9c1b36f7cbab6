import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/platform/config.js';
import { createContext } from '../../src/platform/bootstrap.js';
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

/** Starts the real server on a random port over a fresh SQLite file. */
export async function startSite(): Promise<RunningSite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-e2e-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${path.join(dir, 'e2e.sqlite')}`,
    LOG_LEVEL: 'silent',
    WORKER: 'off',
    PORT: '0',
  });
  const ctx = await createContext(config);
  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ctx,
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await app.close();
      await ctx.database.close();
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
