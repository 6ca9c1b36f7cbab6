import http from 'node:http';
import { sql } from 'kysely';
import { contextFor } from '../platform/bootstrap.js';
import { openDatabase } from '../platform/db/database.js';
import { createLogger } from '../platform/logger.js';
import { chinaDate } from '../platform/time.js';
import { addWorkingDays } from '../calendar/calendar.model.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { OPEN_STATUSES } from '../requests/applications.model.js';
import { listApplicationRows, type ListFilter } from '../requests/requests.repository.js';
import { BIG_ORG_CODE } from './generate.js';
import { benchConfig, ensureBenchDataset, type BenchManifest } from './dataset.js';
import { benchSession } from './session.js';
import { startBenchServer } from './spawn.js';
import { closedLoop, ms, request, summarize, timeSeq, type Summary } from './stats.js';

/**
 * Benchmark of issue 4 (依申请公开): on the bench dataset, through the real server, the case list
 * of the 100,000-application org with typical filters and pages and the dashboard, at 16
 * concurrent connections, beside `/healthz` at the same concurrency and the bare SQL of the same
 * lists (the floor); then 1,000 concurrent submissions of the public form, each with its own form
 * token and client address, checked against the database row count.
 */

export interface RequestsFigures {
  target: 'sqlite' | 'postgres';
  manifest: BenchManifest;
  healthz: Summary & { errors: number; rps: number };
  list: Summary & { errors: number; rps: number };
  dashboard: Summary & { errors: number; rps: number };
  floor: Summary;
  submissions: {
    n: number;
    ok: number;
    errors: number;
    statuses: Record<string, number>;
    newRows: number;
    refsFound: number;
    seconds: number;
    latency: Summary;
  };
}

/** The case-list variants measured (query strings of /admin/orgs/:code/applications). */
export const LIST_QUERIES = [
  '',
  '?status=open',
  '?overdue=1',
  '?due_within=3',
  '?paused=1',
  '?page=2',
  '?page=40',
  '?status=concluded&page=3',
  '?ref=YSQ2025-A',
] as const;

function filterOf(
  q: string,
  today: string,
  dueLimit: string,
): { filter: ListFilter; page: number } {
  const p = new URLSearchParams(q.slice(1));
  const f: ListFilter = {};
  const status = p.get('status');
  if (status === 'open') f.statuses = OPEN_STATUSES;
  else if (status) f.statuses = [status];
  if (p.get('paused') === '1') f.statuses = ['paused_consultation', 'awaiting_fee'];
  if (p.get('overdue') === '1' || p.get('due_within')) f.statuses = OPEN_STATUSES;
  if (p.get('due_within')) f.dueOnOrBefore = dueLimit;
  if (p.get('overdue') === '1') f.dueBefore = today;
  if (p.get('ref')) f.refPrefix = p.get('ref') ?? '';
  return { filter: f, page: Number(p.get('page') ?? '1') };
}

function multipart(form: Record<string, string>): { body: string; type: string } {
  const b = `----gkbench${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(form).map(
    ([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  return { body: `${parts.join('')}--${b}--\r\n`, type: `multipart/form-data; boundary=${b}` };
}

/** A valid 居民身份证号码 for submission `i` (distinct per i, so per-applicant limits stay apart). */
function idNumber(i: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + i * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const s = `330302${birth}${String(i % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += Number(s[k]) * (w[k] as number);
  return s + '10X98765432'[sum % 11];
}

const cookiesOf = (h: http.IncomingHttpHeaders): string =>
  (h['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');

export async function runRequestsBench(
  target: 'sqlite' | 'postgres',
  opts: { scale: number; requests: number; submissions: number; log: (l: string) => void },
): Promise<RequestsFigures> {
  const { databaseUrl, manifest } = await ensureBenchDataset(target, {
    scale: opts.scale,
    log: opts.log,
  });
  const database = openDatabase(databaseUrl);
  const ctx = await contextFor(benchConfig(databaseUrl), database, createLogger('silent'));
  const server = await startBenchServer(databaseUrl);
  try {
    const { cookie } = await benchSession(ctx, `bench-caseworker-${target}`, [
      { orgCode: BIG_ORG_CODE, role: 'case_worker' },
    ]);
    const headers = { cookie };
    const base = `/admin/orgs/${BIG_ORG_CODE}`;
    const listPaths = LIST_QUERIES.map((q) => `${base}/applications${q}`);
    // Warm-up (JIT, caches), and a check that every page answers 200.
    for (const p of [...listPaths, `${base}/requests`, '/healthz']) {
      const agent = new http.Agent();
      const r = await request(agent, server.port, { path: p, headers });
      if (r.status !== 200) throw new Error(`${p} answered ${r.status}: ${r.body.slice(0, 300)}`);
    }
    const conc = 16;
    // Then a short untimed run of each measured kind, so that the figures are of the steady
    // state (JIT-compiled code, the connections' prepared statements) rather than the first
    // second of a new process.
    for (const paths of [['/healthz'], listPaths, [`${base}/requests`]])
      await closedLoop(server.port, paths, { total: 200, concurrency: conc, headers });
    opts.log(`[${target}] healthz ×${opts.requests}`);
    const healthz = await closedLoop(server.port, ['/healthz'], {
      total: opts.requests,
      concurrency: conc,
    });
    opts.log(`[${target}] case list ×${opts.requests}`);
    const list = await closedLoop(server.port, listPaths, {
      total: opts.requests,
      concurrency: conc,
      headers,
    });
    opts.log(`[${target}] dashboard ×${Math.ceil(opts.requests / 2)}`);
    const dashboard = await closedLoop(server.port, [`${base}/requests`], {
      total: Math.ceil(opts.requests / 2),
      concurrency: conc,
      headers,
    });

    // The floor: the same list queries, bare, in this process, one at a time.
    const today = chinaDate(new Date());
    const dueLimit = addWorkingDays(await loadCalendar(ctx), today, 3).date;
    const org = await ctx.db
      .selectFrom('orgs')
      .select('id')
      .where('code', '=', BIG_ORG_CODE)
      .executeTakeFirstOrThrow();
    let k = 0;
    const floor = await timeSeq(
      async () => {
        const q = LIST_QUERIES[k++ % LIST_QUERIES.length] as string;
        const { filter, page } = filterOf(q, today, dueLimit);
        await listApplicationRows(ctx.db, org.id, filter, 51, (page - 1) * 50);
      },
      Math.max(90, Math.ceil(opts.requests / 4)),
    );

    // 1,000 concurrent submissions: each client fetches its own form (cookie, CSRF and
    // submission token), then all post at once, each from its own address (X-Forwarded-For,
    // trusted as behind nginx).
    const target0 = manifest.rootOrg;
    const countRows = async () =>
      Number(
        (await sql<{ n: number }>`SELECT COUNT(*) AS n FROM applications`.execute(ctx.db)).rows[0]
          ?.n ?? 0,
      );
    const before = await countRows();
    const n = opts.submissions;
    opts.log(`[${target}] fetching ${n} forms`);
    const formAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const forms: Array<{ cookie: string; csrf: string; token: string; ip: string }> = [];
    let nextForm = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (nextForm < n) {
          const i = nextForm++;
          const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
          const r = await request(formAgent, server.port, {
            path: `/${target0}/apply`,
            headers: { 'x-forwarded-for': ip },
          });
          const csrf = /name="_csrf" value="([^"]+)"/.exec(r.body)?.[1];
          const token = /name="submission_token" value="([^"]+)"/.exec(r.body)?.[1];
          if (r.status !== 200 || !csrf || !token) throw new Error(`form ${i}: ${r.status}`);
          forms[i] = { cookie: cookiesOf(r.headers), csrf, token, ip };
        }
      }),
    );
    formAgent.destroy();
    opts.log(`[${target}] posting ${n} submissions at once`);
    const postAgent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
    const t = performance.now();
    const results = await Promise.all(
      forms.map(async (f, i) => {
        const m = multipart({
          _csrf: f.csrf,
          submission_token: f.token,
          applicant_kind: 'person',
          name: `压测申请人${i}`,
          id_type: 'resident_id',
          id_number: idNumber(i),
          phone: `139${String(10_000_000 + i).slice(-8)}`,
          email: `bench${i}@example.cn`,
          address: '浙江省瓯江市鹿城区人民路1号',
          postcode: '325000',
          description: `瓯江市${2020 + (i % 6)}年度财政预算执行情况（压测${i}）`,
          delivery: i % 2 ? 'email' : 'paper',
        });
        try {
          return await request(postAgent, server.port, {
            method: 'POST',
            path: `/${target0}/apply`,
            headers: {
              cookie: f.cookie,
              'content-type': m.type,
              'x-forwarded-for': f.ip,
              'content-length': String(Buffer.byteLength(m.body)),
            },
            body: m.body,
          });
        } catch (err) {
          return { status: 0, body: String(err), headers: {}, ms: performance.now() - t };
        }
      }),
    );
    const seconds = (performance.now() - t) / 1000;
    postAgent.destroy();
    const statuses: Record<string, number> = {};
    for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    const refs = results
      .map((r) => r.headers['x-application-ref'])
      .filter((x): x is string => typeof x === 'string');
    const after = await countRows();
    let refsFound = 0;
    for (let i = 0; i < refs.length; i += 500) {
      const rows = await ctx.db
        .selectFrom('applications')
        .select('ref')
        .where('ref', 'in', refs.slice(i, i + 500))
        .execute();
      refsFound += rows.length;
    }
    const ok = results.filter((r) => r.status === 303).length;
    const bad = results.find((r) => r.status !== 303);
    if (bad) {
      const messages = [...bad.body.matchAll(/class="[^"]*error[^"]*"[^>]*>([^<]{1,200})</g)].map(
        (m) => m[1],
      );
      opts.log(
        `[${target}] first failed submission: ${bad.status} ${messages.join(' | ') || bad.body.slice(0, 300)}`,
      );
    }
    return {
      target,
      manifest,
      healthz,
      list,
      dashboard,
      floor,
      submissions: {
        n,
        ok,
        errors: n - ok,
        statuses,
        newRows: after - before,
        refsFound,
        seconds,
        latency: summarize(results.map((r) => r.ms)),
      },
    };
  } finally {
    await server.stop();
    await database.close();
  }
}

/** The markdown rows of one target. */
export function requestsTable(figs: readonly RequestsFigures[]): string {
  const lines = [
    '| database | measure (16 connections) | requests | p50 ms | p95 ms | p99 ms | req/s | errors | p95 ÷ /healthz p95 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const f of figs) {
    const db = f.target === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const row = (name: string, s: Summary & { errors?: number; rps?: number }, ratio: boolean) =>
      `| ${db} | ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${s.rps ? s.rps.toFixed(0) : '—'} | ${s.errors ?? '—'} | ${ratio ? `${(s.p95 / f.healthz.p95).toFixed(1)}×` : '—'} |`;
    lines.push(row('`/healthz` (baseline)', f.healthz, false));
    lines.push(row(`case list (${LIST_QUERIES.length} filter/page variants)`, f.list, true));
    lines.push(row('dashboard', f.dashboard, true));
    lines.push(
      `| ${db} | bare SQL of the same lists (floor, 1 at a time) | ${f.floor.n} | ${ms(f.floor.p50)} | ${ms(f.floor.p95)} | ${ms(f.floor.p99)} | — | — | — |`,
    );
  }
  lines.push('');
  lines.push(
    '| database | concurrent submissions | answered 303 | errors | new rows in DB | refs found | wall time s | p50 / p99 ms |',
  );
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const f of figs) {
    const s = f.submissions;
    lines.push(
      `| ${f.target === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${s.n} | ${s.ok} | ${s.errors}${s.errors ? ` (${JSON.stringify(s.statuses)})` : ''} | ${s.newRows} | ${s.refsFound} | ${s.seconds.toFixed(1)} | ${ms(s.latency.p50)} / ${ms(s.latency.p99)} |`,
    );
  }
  return lines.join('\n');
}
