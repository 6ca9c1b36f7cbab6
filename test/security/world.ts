import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ROLES, systemActor, type Role } from '../../src/platform/authz.js';
import type { AppContext } from '../../src/platform/context.js';
import { ensureDefaultColumns } from '../../src/catalogue/columns.service.js';
import { createItem } from '../../src/catalogue/items.service.js';
import { form as itemForm } from '../../src/catalogue/catalogue.test-support.js';
import { registerApplication } from '../../src/requests/requests.service.js';
import { generateReport } from '../../src/reports/reports.service.js';
import {
  cookieHeader,
  createTestOrg,
  createTestUser,
  csrfFrom,
  signIn,
  storeCookies,
  type CookieJar,
} from '../factories.js';

/**
 * A small world for the security tests: a parent org P (where every tested actor holds its
 * role), its child C and an unrelated org U, each with a column, a draft item, an application and
 * a draft annual report; one signed-in session per role, a user without roles and a platform
 * administrator; and one target user per org for the user pages.
 */

export type Who = 'anonymous' | 'norole' | Role | 'platform_admin';
export type Rel = 'own' | 'child' | 'unrelated';
export const WHO: readonly Who[] = ['anonymous', 'norole', ...ROLES, 'platform_admin'];
export const RELS: readonly Rel[] = ['own', 'child', 'unrelated'];

export interface Session {
  cookie: string;
  csrf: string;
}

export interface OrgFixture {
  id: number;
  code: string;
  columnId: number;
  itemId: number;
  appRef: string;
  /** A user holding `editor` only at this org (target of the user pages). */
  userId: number;
}

export interface World {
  app: FastifyInstance;
  orgs: Record<Rel, OrgFixture>;
  sessions: Record<Exclude<Who, 'anonymous'>, Session>;
  /** An anonymous browser that loaded a form: a CSRF secret cookie and its token. */
  anonymous: Session;
  reportYear: number;
}

/** A new application as the intake would store it. */
const newApplication = (submitted: string) => ({
  applicant: {
    type: 'natural_person' as const,
    name: '张三',
    id_type: 'resident_id' as const,
    id_number: '11010519491231002X',
    phone: '13812345678',
    email: null,
    address: '温州市某路1号',
    postcode: null,
  },
  channel: 'in_person' as const,
  submitted_on: submitted,
  description: '2025年度财政预算执行情况',
  delivery: 'email' as const,
});

async function orgFixture(
  ctx: AppContext,
  code: string,
  parentId: number | null,
  year: number,
): Promise<OrgFixture> {
  const org = await createTestOrg(ctx, { code, parentId });
  await ctx.db.transaction().execute((trx) => ensureDefaultColumns(ctx, trx, org.id));
  const column = await ctx.db
    .selectFrom('columns')
    .select('id')
    .where('org_id', '=', org.id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const { item } = await createItem(ctx, systemActor(), org.id, itemForm(column.id));
  const { ref } = await registerApplication(
    ctx,
    systemActor(),
    code,
    newApplication(`${year}-11-20`),
  );
  await generateReport(ctx, systemActor(), code, year);
  const user = await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'editor' }] });
  return { id: org.id, code, columnId: column.id, itemId: item.id, appRef: ref, userId: user.id };
}

/** An anonymous browser session holding a CSRF secret cookie and a matching token. */
export async function anonymousSession(app: FastifyInstance): Promise<Session> {
  const jar: CookieJar = new Map();
  const res = await app.inject({ method: 'GET', url: '/admin/login' });
  storeCookies(jar, res);
  return { cookie: cookieHeader(jar), csrf: csrfFrom(res.body) };
}

/** Builds the world on a fresh database (codes are prefixed so several worlds never clash). */
export async function buildWorld(ctx: AppContext, app: FastifyInstance): Promise<World> {
  const year = Number(new Date(ctx.now()).getUTCFullYear()) - 1;
  const own = await orgFixture(ctx, 'sec-parent', null, year);
  const child = await orgFixture(ctx, 'sec-child', own.id, year);
  const unrelated = await orgFixture(ctx, 'sec-other', null, year);
  const sessions = {} as Record<Exclude<Who, 'anonymous'>, Session>;
  for (const role of ROLES) {
    const u = await createTestUser(ctx, { grants: [{ orgId: own.id, role }] });
    sessions[role] = await signIn(app, ctx, u);
  }
  sessions.norole = await signIn(app, ctx, await createTestUser(ctx));
  sessions.platform_admin = await signIn(
    app,
    ctx,
    await createTestUser(ctx, { platformAdmin: true }),
  );
  return {
    app,
    orgs: { own, child, unrelated },
    sessions,
    anonymous: await anonymousSession(app),
    reportYear: year,
  };
}

/** A GET as `who` (no cookie for anonymous). */
export function getAs(world: World, who: Who, url: string): Promise<LightMyRequestResponse> {
  const cookie = who === 'anonymous' ? undefined : world.sessions[who].cookie;
  return world.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
}

/** A urlencoded POST as `who` with its CSRF token (anonymous: a fresh CSRF-holding browser). */
export function postAs(
  world: World,
  who: Who,
  url: string,
  form: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const s = who === 'anonymous' ? world.anonymous : world.sessions[who];
  return world.app.inject({
    method: 'POST',
    url,
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: s.csrf, ...form }).toString(),
  });
}

/**
 * Every route the app registered, as `METHOD /path` (HEAD left out: Fastify adds it to each
 * GET), read from `printRoutes()` so that a route added later shows up here by itself.
 */
export function registeredRoutes(app: FastifyInstance): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(m[2] ?? '');
    const path = stack.join('');
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD'))
      out.push(`${method} ${path}`);
  }
  return [...new Set(out)].sort();
}
