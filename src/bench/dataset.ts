import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadCalendar } from '../calendar/calendar.service.js';
import type { HolidayCalendar } from '../calendar/calendar.model.js';
import { defaultIndexTemplate } from '../orgs/orgs.model.js';
import { contextFor } from '../platform/bootstrap.js';
import { loadConfig } from '../platform/config.js';
import { fieldKeys, type FieldKeys } from '../platform/crypto/sm.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { createLogger } from '../platform/logger.js';
import { clockColumns, eventToRow } from '../requests/applications.model.js';
import { applicantHashes, seal } from '../requests/applications.privacy.js';
import { hashQueryCode } from '../requests/applications.codes.js';
import { asClockInput } from '../requests/applications.rows.js';
import { computeClock } from '../requests/clock.model.js';
import { outcomeOf, type ApplicationEvent } from '../requests/requests.model.js';
import {
  BENCH_TODAY,
  BIG_ORG_CODE,
  BIG_YEAR,
  CHILD_COUNT,
  ROOT_ORG_CODE,
  benchRef,
  dateBetween,
  int,
  makeApplication,
  makeColumns,
  makeItem,
  makeOrgs,
  makePeople,
  orgItemStates,
  pick,
  rng,
  type Person,
} from './generate.js';
import { pgSink, sqliteSink, type Sink } from './sink.js';

/**
 * The shared benchmark dataset (issue 8, `npm run bench:data`): 瓯江市人民政府 with 500 child
 * bodies, 1,000,000 published items, 200,000 applications (100,000 of them in one org-year, for
 * issue 5) with their events, and 5,000 appeals, at `scale` 1. Built once per target and scale
 * and reused: a manifest in the `settings` table (key `bench.manifest`) says what was built.
 * The search index (`search_docs`) is NOT built here: the search benchmark measures its own build.
 */

export const DATASET_VERSION = 1;
/** DATA_KEY of the bench databases (also stored as `generated.data_key`, so the app finds it). */
export const BENCH_DATA_KEY = '0b3e7c2a9f14d6580b3e7c2a9f14d658';
export const BENCH_SESSION_SECRET = 'bench-session-secret-bench-session-secret';
export const MANIFEST_KEY = 'bench.manifest';
export const DEFAULT_PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchManifest {
  version: number;
  scale: number;
  target: 'sqlite' | 'postgres';
  builtAt: string;
  buildSeconds: number;
  /** The dataset's "today": every date is on or before it; clocks were computed as of it. */
  today: string;
  rootOrg: string;
  /** The org and year holding half of the applications (issue 5). */
  bigOrg: string;
  bigYear: number;
  counts: {
    orgs: number;
    columns: number;
    items: number;
    itemsWithdrawn: number;
    applications: number;
    bigOrgYearApplications: number;
    events: number;
    appeals: number;
  };
  notes: string[];
}

export interface EnsureOptions {
  scale?: number;
  force?: boolean;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
  /** PostgreSQL server URL (any database; default postgres://postgres@127.0.0.1:5432/postgres). */
  pgAdminUrl?: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `.bench/bench-<scale>.sqlite` in the checkout. */
export function sqliteFileFor(scale: number): string {
  return path.join(repoRoot, '.bench', `bench-${scale}.sqlite`);
}

/** `gongkai_bench` at scale 1, `gongkai_bench_0_01` etc. otherwise. */
export function pgDatabaseFor(scale: number): string {
  return scale === 1 ? 'gongkai_bench' : `gongkai_bench_${String(scale).replace(/[^0-9]/g, '_')}`;
}

function pgUrlWithDb(adminUrl: string, db: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${db}`;
  return u.toString();
}

/** The config a bench process uses on a bench database. */
export function benchConfig(databaseUrl: string, extra: Record<string, string> = {}) {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: BENCH_SESSION_SECRET,
    DATA_KEY: BENCH_DATA_KEY,
    LOG_LEVEL: 'silent',
    WORKER: 'off',
    ...extra,
  });
}

async function readManifestSqlite(file: string): Promise<BenchManifest | null> {
  if (!fs.existsSync(file)) return null;
  const { default: SQLite } = await import('better-sqlite3');
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(MANIFEST_KEY) as
      { value: string } | undefined;
    return row ? (JSON.parse(row.value) as BenchManifest) : null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

async function readManifestPg(url: string): Promise<BenchManifest | null> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    const r = await c.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [
      MANIFEST_KEY,
    ]);
    return r.rows[0] ? (JSON.parse(r.rows[0].value) as BenchManifest) : null;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const usable = (m: BenchManifest | null, scale: number) =>
  m !== null && m.version === DATASET_VERSION && m.scale === scale;

/**
 * Makes sure the bench dataset of `scale` (default 1) exists on `target` and returns its URL
 * and manifest. Builds it when missing, of another version, or when `force`. On PostgreSQL an
 * advisory lock serialises concurrent builders; on SQLite the file is built under a temporary
 * name and renamed when complete, so a reader never sees half a dataset.
 */
export async function ensureBenchDataset(
  target: 'sqlite' | 'postgres',
  opts: EnsureOptions = {},
): Promise<{ databaseUrl: string; manifest: BenchManifest }> {
  const scale = opts.scale ?? 1;
  if (!(scale > 0 && scale <= 1)) throw new Error('scale must be in (0, 1]');
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  if (target === 'sqlite') {
    const file = sqliteFileFor(scale);
    const url = `sqlite:${file}`;
    if (!opts.force) {
      const m = await readManifestSqlite(file);
      if (usable(m, scale)) {
        await migrateExisting(url);
        return { databaseUrl: url, manifest: m as BenchManifest };
      }
    }
    const tmp = `${file}.building-${process.pid}`;
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
    const manifest = await build('sqlite', `sqlite:${tmp}`, scale, log);
    for (const f of [`${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    fs.renameSync(tmp, file);
    return { databaseUrl: url, manifest };
  }
  const adminUrl = opts.pgAdminUrl ?? DEFAULT_PG_ADMIN_URL;
  const name = pgDatabaseFor(scale);
  const url = pgUrlWithDb(adminUrl, name);
  const admin = new pg.Client({ connectionString: pgUrlWithDb(adminUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    const exists =
      (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    if (exists && !opts.force) {
      const m = await readManifestPg(url);
      if (usable(m, scale)) {
        await migrateExisting(url);
        return { databaseUrl: url, manifest: m as BenchManifest };
      }
    }
    if (exists) await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const manifest = await build('postgres', url, scale, log);
    return { databaseUrl: url, manifest };
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
    await admin.end();
  }
}

/** Applies migrations added since the dataset was built (e.g. new indexes). */
async function migrateExisting(url: string): Promise<void> {
  const database = openDatabase(url);
  try {
    await migrateToLatest(database.db);
  } finally {
    await database.close();
  }
}

async function build(
  target: 'sqlite' | 'postgres',
  url: string,
  scale: number,
  log: (l: string) => void,
): Promise<BenchManifest> {
  const t0 = performance.now();
  const database = openDatabase(url);
  await migrateToLatest(database.db);
  const ctx = await contextFor(benchConfig(url), database, createLogger('silent'));
  const cal = await loadCalendar(ctx);
  await database.db
    .insertInto('settings')
    .values([
      { key: 'generated.data_key', value: BENCH_DATA_KEY },
      { key: 'generated.session_secret', value: BENCH_SESSION_SECRET },
    ])
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  await database.close();
  const sink = target === 'sqlite' ? sqliteSink(url.slice('sqlite:'.length)) : await pgSink(url);
  try {
    const counts = await load(sink, cal, fieldKeys(BENCH_DATA_KEY), scale, log);
    if (target === 'postgres') {
      for (const t of ['orgs', 'columns', 'items', 'applications', 'application_events', 'appeals'])
        await sink.exec(
          `SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM "${t}"))`,
        );
      // VACUUM as well: a database in service is vacuumed by autovacuum, which sets the
      // visibility map that index-only scans rely on; a freshly loaded one is not yet.
      log(`[${target}] vacuum and analyze`);
      await sink.exec('VACUUM (ANALYZE)');
    } else {
      log(`[${target}] analyze`);
      await sink.exec('ANALYZE');
    }
    const manifest: BenchManifest = {
      version: DATASET_VERSION,
      scale,
      target,
      builtAt: new Date().toISOString(),
      buildSeconds: Math.round((performance.now() - t0) / 100) / 10,
      today: BENCH_TODAY,
      rootOrg: ROOT_ORG_CODE,
      bigOrg: BIG_ORG_CODE,
      bigYear: BIG_YEAR,
      counts,
      notes: [
        'search index (search_docs) not built: run the search reindex (the search benchmark measures its own build)',
        `DATA_KEY ${BENCH_DATA_KEY} (also in settings generated.data_key)`,
        'no users: bench scripts create their own users and sessions (src/bench/session.ts)',
      ],
    };
    await sink.insert('settings', ['key', 'value'], [[MANIFEST_KEY, JSON.stringify(manifest)]]);
    log(`[${target}] built in ${manifest.buildSeconds} s: ${JSON.stringify(counts)}`);
    return manifest;
  } finally {
    await sink.close();
  }
}

const NOW = '2026-11-27T02:00:00.000Z';

type ClockCols = ReturnType<typeof clockColumns>;
const clockMemo = new Map<string, ClockCols>();
/**
 * clockColumns(computeClock(…)) as the app caches them, memoised: the dates of a history decide
 * the clock, so histories differing only in the outcome code share one computation (the outcome
 * and its legal basis are then taken from the history itself, as clockColumns does).
 */
function cachedClockColumns(
  cal: HolidayCalendar,
  g: Omit<Parameters<typeof asClockInput>[0], 'ref' | 'events'>,
  received: string | null,
  events: ApplicationEvent[],
): ClockCols {
  if (received === null) return clockColumns(null, events);
  const neutral = events.map((e): ApplicationEvent =>
    e.type === 'concluded'
      ? {
          ...e,
          outcome: e.outcome === 'other_correction_overdue' ? e.outcome : 'open',
          legal_basis: null,
        }
      : e,
  );
  const key = `${received}|${JSON.stringify(neutral)}`;
  let base = clockMemo.get(key);
  if (!base) {
    base = clockColumns(
      computeClock(cal, asClockInput({ ...g, ref: '', events: neutral }, received), {
        today: BENCH_TODAY,
      }),
      neutral,
    );
    if (clockMemo.size > 200_000) clockMemo.clear();
    clockMemo.set(key, base);
  }
  const end = events.find((e) => e.type === 'concluded');
  return {
    ...base,
    outcome: outcomeOf(events),
    legal_basis: end?.type === 'concluded' ? end.legal_basis : null,
  };
}
const BATCH = 5000;

async function load(
  sink: Sink,
  cal: HolidayCalendar,
  keys: FieldKeys,
  scale: number,
  log: (l: string) => void,
): Promise<BenchManifest['counts']> {
  const tag = (s: string) => log(`[bench:data] ${s}`);
  let t = performance.now();
  const lap = () => {
    const s = ((performance.now() - t) / 1000).toFixed(1);
    t = performance.now();
    return s;
  };

  // Orgs and columns.
  const orgs = makeOrgs();
  const columns = makeColumns(orgs);
  await sink.begin();
  await sink.insert(
    'orgs',
    [
      'id',
      'code',
      'name',
      'parent_id',
      'kind',
      'uscc',
      'contact_office',
      'contact_address',
      'contact_phone',
      'contact_email',
      'contact_postcode',
      'index_template',
      'created_at',
      'updated_at',
    ],
    orgs.map((o) => [
      o.id,
      o.code,
      o.name,
      o.parentId,
      o.kind,
      o.uscc,
      `${o.name}办公室`,
      `浙江省瓯江市行政中心${o.id}号楼`,
      `0577-8${String(1000000 + o.id).slice(1)}`,
      `gk${o.id}@oujiang.example.gov.cn`,
      '325000',
      JSON.stringify(defaultIndexTemplate(true)),
      NOW,
      NOW,
    ]),
  );
  await sink.insert(
    'columns',
    [
      'id',
      'org_id',
      'code',
      'name',
      'parent_id',
      'category',
      'update_class',
      'review_levels',
      'is_system',
      'sort',
      'created_at',
      'updated_at',
    ],
    columns.map((c) => [
      c.id,
      c.orgId,
      c.code,
      c.name,
      c.parentId,
      c.category,
      c.updateClass,
      1,
      c.code === 'news' || c.code === 'notice' ? 0 : 1,
      c.sort,
      NOW,
      NOW,
    ]),
  );
  await sink.commit();
  tag(`${orgs.length} orgs, ${columns.length} columns (${lap()} s)`);

  // Items, round-robin over the orgs.
  const nItems = Math.round(1_000_000 * scale);
  const states = orgItemStates(orgs, columns);
  const ri = rng(2);
  const itemCols = [
    'id',
    'org_id',
    'ref',
    'index_no',
    'title',
    'summary',
    'body_html',
    'column_id',
    'category',
    'doc_type',
    'doc_number',
    'formed_on',
    'published_on',
    'channels',
    'validity',
    'abolished_on',
    'interprets_ref',
    'attribute',
    'status',
    'review_level',
    'version',
    'withdrawn_on',
    'withdrawal_reason',
    'published_at',
    'created_at',
    'updated_at',
  ];
  let withdrawn = 0;
  let bytes = 0;
  // The highest serial used per org and year, so the app's own 索引号 sequence continues after the
  // generated ones (orgs.repository takeNextSerial) instead of colliding with them.
  const serials = new Map<string, { org: number; period: string; last: number }>();
  for (let start = 1; start <= nItems; start += 50_000) {
    await sink.begin();
    for (let b = start; b < Math.min(nItems + 1, start + 50_000); b += BATCH) {
      const rows: unknown[][] = [];
      for (let id = b; id < Math.min(nItems + 1, b + BATCH, start + 50_000); id++) {
        const it = makeItem(ri, id, states[(id - 1) % states.length] as (typeof states)[number]);
        if (it.status === 'withdrawn') withdrawn++;
        bytes += it.body_html.length;
        const m = /\/(\d{4})-(\d+)$/.exec(it.index_no);
        if (m) {
          const key = `${it.org_id}|${m[1]}`;
          const last = Number(m[2]);
          const seen = serials.get(key);
          if (!seen) serials.set(key, { org: it.org_id, period: m[1] ?? '', last });
          else if (last > seen.last) seen.last = last;
        }
        rows.push([
          it.id,
          it.org_id,
          it.ref,
          it.index_no,
          it.title,
          it.summary,
          it.body_html,
          it.column_id,
          it.category,
          it.doc_type,
          it.doc_number,
          it.formed_on,
          it.published_on,
          it.channels,
          it.validity,
          it.validity === 'invalid' ? it.published_on : null,
          it.interprets_ref,
          'active',
          it.status,
          0,
          1,
          it.withdrawn_on,
          it.withdrawal_reason,
          it.published_at,
          it.published_at,
          it.published_at,
        ]);
      }
      await sink.insert('items', itemCols, rows);
    }
    await sink.commit();
    if ((start - 1) % 200_000 === 0 || start + 50_000 > nItems)
      tag(`items ${Math.min(nItems, start + 49_999)}/${nItems}`);
  }
  await sink.begin();
  const seq = [...serials.values()].map((v) => [v.org, v.period, v.last]);
  for (let i = 0; i < seq.length; i += BATCH)
    await sink.insert(
      'index_sequences',
      ['org_id', 'period', 'last_value'],
      seq.slice(i, i + BATCH),
    );
  await sink.commit();
  tag(
    `${nItems} items, ${withdrawn} withdrawn, body ~${Math.round(bytes / Math.max(1, nItems))} chars avg (${lap()} s)`,
  );

  // Applications with their events; half of them in one org-year.
  const nApps = Math.round(200_000 * scale);
  const nBig = Math.round(100_000 * scale);
  const ra = rng(3);
  const people = makePeople(ra, Math.max(200, Math.round(60_000 * scale)));
  const sealed = new Map<number, unknown[]>();
  const personCols = (i: number): unknown[] => {
    let s = sealed.get(i);
    if (!s) {
      const p = people[i] as Person;
      const h = applicantHashes(keys, p);
      s = [
        p.type,
        seal(keys, p.name) ?? '',
        p.id_type,
        seal(keys, p.id_number),
        h.id,
        h.contact,
        seal(keys, p.phone),
        seal(keys, p.email),
        seal(keys, p.address),
        seal(keys, p.postcode),
      ];
      sealed.set(i, s);
    }
    return s;
  };
  const bigOrgId = (orgs.find((o) => o.code === BIG_ORG_CODE) as { id: number }).id;
  const yearWeights: Array<[number, number]> = [
    [2022, 10],
    [2023, 18],
    [2024, 22],
    [2025, 25],
    [2026, 25],
  ];
  const appCols = [
    'id',
    'org_id',
    'ref',
    'query_code_hash',
    'applicant_type',
    'applicant_name',
    'applicant_id_type',
    'applicant_id_number',
    'applicant_id_hash',
    'applicant_contact_hash',
    'applicant_phone',
    'applicant_email',
    'applicant_address',
    'applicant_postcode',
    'channel',
    'submitted_on',
    'received_on',
    'description',
    'delivery',
    'help_needed',
    'status',
    'reply_due_on',
    'correction_notice_due_on',
    'paused_working_days',
    'outcome',
    'legal_basis',
    'concluded_on',
    'created_at',
    'updated_at',
  ];
  const evCols = ['id', 'application_id', 'seq', 'type', 'on', 'data', 'created_at'];
  let eventId = 0;
  let bigCount = 0;
  const appealCandidates: Array<{ id: number; orgId: number; concluded: string }> = [];
  for (let start = 1; start <= nApps; start += 20_000) {
    await sink.begin();
    const apps: unknown[][] = [];
    const evs: unknown[][] = [];
    for (let id = start; id < Math.min(nApps + 1, start + 20_000); id++) {
      const big = id % 2 === 1 && bigCount < nBig;
      let orgId: number;
      let year: number;
      if (big) {
        bigCount++;
        orgId = bigOrgId;
        year = BIG_YEAR;
      } else {
        orgId = int(ra, 1, CHILD_COUNT + 1);
        let w = ra() * 100;
        year = 2026;
        for (const [y, n] of yearWeights)
          if ((w -= n) < 0) {
            year = y;
            break;
          }
      }
      const wanted = dateBetween(
        ra,
        `${year}-01-04`,
        year === 2026 ? BENCH_TODAY : `${year}-12-28`,
      );
      const g = makeApplication(ra, cal, wanted > BENCH_TODAY ? BENCH_TODAY : wanted);
      const pending = g.channel === 'online' && g.received_on >= '2026-11-24' && ra() < 0.5;
      const received = pending || g.received_on > BENCH_TODAY ? null : g.received_on;
      const events = received === null ? [] : g.events;
      const cc = cachedClockColumns(cal, g, received, events);
      const heavy = ra() < 0.1;
      const person = heavy ? int(ra, 0, 19) : int(ra, 0, people.length - 1);
      const created = `${g.submitted_on}T0${int(ra, 1, 9)}:00:00.000Z`;
      apps.push([
        id,
        orgId,
        benchRef(Number((received ?? g.submitted_on).slice(0, 4)), id),
        hashQueryCode(
          keys,
          `${pick(ra, ['K7QM', 'X3TP', 'M8AB', 'Q2RS'])}-${String(id % 10000).padStart(4, '2')}`,
        ),
        ...personCols(person),
        g.channel,
        g.submitted_on,
        received,
        g.description,
        g.delivery,
        null,
        cc.status,
        cc.reply_due_on,
        cc.correction_notice_due_on,
        cc.paused_working_days,
        cc.outcome,
        cc.legal_basis,
        cc.concluded_on,
        created,
        created,
      ]);
      events.forEach((e, i) => {
        const r = eventToRow(e);
        evs.push([++eventId, id, i + 1, r.type, r.on, r.data, `${r.on}T03:00:00.000Z`]);
      });
      if (cc.concluded_on && cc.outcome && cc.outcome !== 'open' && cc.concluded_on < '2026-10-01')
        appealCandidates.push({ id, orgId, concluded: cc.concluded_on });
    }
    await sink.insert('applications', appCols, apps);
    await sink.insert('application_events', evCols, evs);
    await sink.commit();
    tag(`applications ${Math.min(nApps, start + 19_999)}/${nApps}`);
  }
  tag(
    `${nApps} applications (${bigCount} in ${BIG_ORG_CODE} ${BIG_YEAR}), ${eventId} events (${lap()} s)`,
  );

  // Appeals on concluded applications: 行政复议, 直接起诉, 复议后起诉; some still pending.
  const nAppeals = Math.min(appealCandidates.length, Math.round(5000 * scale));
  const rp = rng(4);
  const chosen = new Set<number>();
  const appealRows: unknown[][] = [];
  const addDaysIso = (d: string, n: number) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  while (appealRows.length < nAppeals) {
    const k = int(rp, 0, appealCandidates.length - 1);
    if (chosen.has(k)) continue;
    chosen.add(k);
    const c = appealCandidates[k] as (typeof appealCandidates)[number];
    const n = appealRows.length + 1;
    const x = rp();
    const kind = x < 0.7 ? 'review' : x < 0.85 ? 'litigation_direct' : 'litigation_after_review';
    const filed = addDaysIso(c.concluded, int(rp, 5, 55));
    if (filed > BENCH_TODAY) {
      chosen.delete(k);
      appealCandidates.splice(k, 1);
      continue;
    }
    const decided = addDaysIso(filed, int(rp, 30, 120));
    const done = decided <= BENCH_TODAY && rp() < 0.95;
    const y = rp();
    appealRows.push([
      n,
      c.orgId,
      kind === 'review'
        ? `（${filed.slice(0, 4)}）瓯行复字第${n}号`
        : `（${filed.slice(0, 4)}）浙03行初${n}号`,
      c.id,
      kind,
      kind === 'review' ? '瓯江市人民政府' : '瓯江市中级人民法院',
      done ? '已审结' : '审理中',
      filed,
      done ? decided : null,
      done ? (y < 0.75 ? 'maintained' : y < 0.9 ? 'corrected' : 'other') : null,
      NOW,
      NOW,
    ]);
  }
  await sink.begin();
  await sink.insert(
    'appeals',
    [
      'id',
      'org_id',
      'ref',
      'application_id',
      'kind',
      'body',
      'stage',
      'filed_on',
      'decided_on',
      'result',
      'created_at',
      'updated_at',
    ],
    appealRows,
  );
  await sink.commit();
  tag(`${appealRows.length} appeals (${lap()} s)`);

  return {
    orgs: orgs.length,
    columns: columns.length,
    items: nItems,
    itemsWithdrawn: withdrawn,
    applications: nApps,
    bigOrgYearApplications: bigCount,
    events: eventId,
    appeals: appealRows.length,
  };
}
