import http from 'node:http';
import os from 'node:os';
import { sql } from 'kysely';
import { contextFor } from '../platform/bootstrap.js';
import type { AppContext } from '../platform/context.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { createLogger } from '../platform/logger.js';
import { reindex } from '../search/search.indexer.js';
import { benchConfig, ensureBenchDataset, type BenchManifest } from './dataset.js';
import { diagnose } from './mixed-diagnose.js';
import {
  LONG_MS,
  Recorder,
  figuresOf,
  get,
  runClosedLoops,
  totalOf,
  type KindFigures,
  type Task,
} from './mixed-load.js';
import { cpuSecondsOf, refsStored, rssOf, submittedCount } from './mixed-probes.js';
import { sampleMix, seededRandom, type MixSample } from './mixed-sample.js';
import { KIND_ORDER, MIX, mixTasks, type MixKind, type StaffSession } from './mixed-tasks.js';
import { benchSession } from './session.js';
import { startBenchServer } from './spawn.js';

export { KIND_ORDER, MIX } from './mixed-tasks.js';

/**
 * Benchmark of issue 8 (mixed load): on the bench dataset, through the real server in its own
 * process, `clients` concurrent closed-loop clients for `duration` seconds, each drawing its next
 * task from a weighted mix of portal pages, searches, public submissions and staff pages (with
 * several signed-in staff sessions), beside `/healthz` at the same concurrency. Reports count,
 * errors, p50/p99 and req/s per kind, the server's RSS (start, after warm-up, during, after the
 * run, after an idle pause) and checks every acknowledged submission against the database.
 */

export interface MixedOptions {
  scale: number;
  clients: number;
  duration: number;
  /** Seconds of the /healthz baseline, the unmeasured warm-up mix and the idle pause. */
  baseline: number;
  warmup: number;
  idle: number;
  /** Signed-in staff sessions the staff requests are spread over. */
  staffSessions: number;
  log: (line: string) => void;
}

export interface MixedFigures {
  target: 'sqlite' | 'postgres';
  manifest: BenchManifest;
  index: { docs: number; builtSeconds: number | null };
  sample: { items: number; columns: number; homes: number; queries: number; staff: string[] };
  healthz: KindFigures;
  kinds: KindFigures[];
  total: KindFigures;
  seconds: number;
  /** Answers slower than LONG_MS: how many, and how many of them started in the first second. */
  long: { count: number; fromFirstSecond: number };
  /** Each kind made ALONE_RUNS times one at a time before the load (p50 is the unloaded cost). */
  alone: KindFigures[];
  /** Each 5xx GET of the mix made again alone, with the server's logged error. */
  diagnosis: string[];
  rss: { start: number; warm: number; during: number[]; after: number; idle: number };
  loadAverage: { before: number[]; after: number[] };
  /** CPU used during the mix, in cores (CPU seconds ÷ wall seconds): the server, this process. */
  cpu: { server: number | null; client: number };
  applications: {
    before: number;
    after: number;
    acknowledged: number;
    distinctRefs: number;
    refsFound: number;
  };
}

/** Requests of each kind made one at a time before the load. */
const ALONE_RUNS = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Builds the search index when empty (as the search benchmark does); its doc count and time. */
async function ensureIndex(
  ctx: AppContext,
  label: string,
  log: (l: string) => void,
): Promise<{ docs: number; builtSeconds: number | null }> {
  const count = async () =>
    Number(
      (await sql<{ n: number }>`SELECT COUNT(*) AS n FROM search_docs`.execute(ctx.db)).rows[0]
        ?.n ?? 0,
    );
  const docs = await count();
  if (docs > 0) {
    log(`[${label}] search index present (${docs} docs): reused`);
    return { docs, builtSeconds: null };
  }
  log(`[${label}] search index empty: building it (reindex)`);
  const t = performance.now();
  let last = 0;
  const progress = (done: number, total: number) => {
    if (done - last < 50_000 && done !== total) return;
    last = done;
    log(`[${label}] indexed ${done}/${total}`);
  };
  await reindex(ctx, null, progress, 1000);
  return { docs: await count(), builtSeconds: (performance.now() - t) / 1000 };
}

/**
 * `n` staff sessions: two case workers of the org holding half of the applications, the others
 * of sampled children; each also an editor, so the catalogue and monitoring pages open.
 */
async function signInStaff(
  ctx: AppContext,
  target: string,
  bigOrg: string,
  sample: MixSample,
  n: number,
): Promise<StaffSession[]> {
  const rand = seededRandom(8);
  const staff: StaffSession[] = [];
  for (let k = 0; k < n; k++) {
    const child = sample.orgs[1 + Math.floor(rand() * (sample.orgs.length - 1))];
    const org = k < 2 || !child ? bigOrg : child;
    const s = await benchSession(ctx, `bench-mixed-${target}-${k}`, [
      { orgCode: org, role: 'case_worker' },
      { orgCode: org, role: 'editor' },
    ]);
    staff.push({ org, cookie: s.cookie });
  }
  return staff;
}

/** Each kind ALONE_RUNS times, one request at a time: its cost without queueing. */
async function runAlone(taskOf: (kind: MixKind) => Task): Promise<KindFigures[]> {
  const agent = new http.Agent({ keepAlive: true });
  const rec = new Recorder();
  for (const kind of Object.keys(MIX) as MixKind[])
    for (let i = 0; i < ALONE_RUNS; i++) await taskOf(kind)(agent, rec);
  agent.destroy();
  return figuresOf(rec, 1, KIND_ORDER);
}

/** The measured mix, with the RSS every 5 s, the load average and the CPU used around it. */
async function runMix(port: number, pid: number | undefined, opts: MixedOptions, next: () => Task) {
  const rssSeries: number[] = [];
  let running = true;
  const sampler = (async () => {
    for (let t = 5; t < opts.duration && running; t += 5) {
      await sleep(5000);
      if (running) rssSeries.push(await rssOf(port));
    }
  })();
  const loadBefore = os.loadavg();
  const server0 = cpuSecondsOf(pid);
  const client0 = process.cpuUsage();
  const run = await runClosedLoops({ clients: opts.clients, seconds: opts.duration, next });
  const server1 = cpuSecondsOf(pid);
  const client = process.cpuUsage(client0);
  const loadAfter = os.loadavg();
  running = false;
  await sampler;
  return {
    run,
    rssSeries,
    loadAverage: { before: loadBefore, after: loadAfter },
    cpu: {
      server: server0 === null || server1 === null ? null : (server1 - server0) / run.seconds,
      client: (client.user + client.system) / 1e6 / run.seconds,
    },
  };
}

/** Logs the slowest answers and when the answers over LONG_MS started (a stall shows there). */
function logSlow(rec: Recorder, label: string, log: (l: string) => void): void {
  if (rec.longStarts.length) {
    const starts = [...rec.longStarts].sort((a, b) => a - b).map((x) => x.toFixed(1));
    log(
      `[${label}] ${starts.length} answers over ${LONG_MS} ms, started at (s) ${starts.join(', ').slice(0, 400)}`,
    );
  }
  for (const x of rec.slowest)
    log(
      `[${label}] slow: ${x.ms.toFixed(0)} ms ${x.kind} ${x.path} (ended at ${x.at.toFixed(1)} s)`,
    );
}

/** Each 5xx GET of the run made again alone, in this process, with its logged error. */
async function diagnoseFailures(
  databaseUrl: string,
  kinds: readonly KindFigures[],
  staff: readonly StaffSession[],
): Promise<string[]> {
  const paths = kinds.flatMap((k) =>
    Object.entries(k.samples)
      .filter(([reason]) => /^HTTP 5/.test(reason) && k.kind !== 'apply submit')
      .map(([, sample]) => sample.split(' ')[0] ?? ''),
  );
  const cookieOf = (path: string) =>
    staff.find((s) => path.startsWith(`/admin/orgs/${s.org}/`))?.cookie ?? '';
  return diagnose(
    databaseUrl,
    paths.map((path) => ({ path, headers: { cookie: cookieOf(path) } })),
  );
}

export async function runMixedBench(
  target: 'sqlite' | 'postgres',
  opts: MixedOptions,
): Promise<MixedFigures> {
  const log = opts.log;
  const { databaseUrl, manifest } = await ensureBenchDataset(target, { scale: opts.scale, log });
  const database = openDatabase(databaseUrl);
  await migrateToLatest(database.db);
  const ctx = await contextFor(benchConfig(databaseUrl), database, createLogger('silent'));
  try {
    const index = await ensureIndex(ctx, target, log);
    const sample = await sampleMix(ctx.db, { items: 5000, columns: 1000, queries: 500 });
    const staff = await signInStaff(ctx, target, manifest.bigOrg, sample, opts.staffSessions);
    log(
      `[${target}] sample: ${sample.items.length} items, ${sample.columns.length} column pages, ${sample.homes.length} homes, ${sample.searches.length} queries; staff of ${staff.map((s) => s.org).join(', ')}`,
    );
    const server = await startBenchServer(databaseUrl);
    try {
      const port = server.port;
      const rssStart = await rssOf(port);
      const tasks = mixTasks({ port, sample, staff, rand: seededRandom(20261128) });
      const before = await submittedCount(ctx);

      const alone = await runAlone(tasks.taskOf);
      for (const f of alone)
        for (const [reason, n] of Object.entries(f.reasons))
          log(`[${target}] alone: ${f.kind} ${n}× ${reason}: ${f.samples[reason] ?? ''}`);
      log(`[${target}] /healthz baseline: ${opts.clients} clients × ${opts.baseline} s`);
      const base = await runClosedLoops({
        clients: opts.clients,
        seconds: opts.baseline,
        next: () => async (agent, rec) =>
          void (await get(agent, port, rec, '/healthz', '/healthz')),
      });
      log(`[${target}] warm-up mix: ${opts.clients} clients × ${opts.warmup} s (not counted)`);
      const warm = await runClosedLoops({
        clients: opts.clients,
        seconds: opts.warmup,
        next: tasks.next,
      });
      const warmErrors = totalOf(warm.rec, warm.seconds).errors;
      if (warmErrors) log(`[${target}] warm-up: ${warmErrors} errors`);
      const rssWarm = await rssOf(port);
      log(`[${target}] mix: ${opts.clients} clients × ${opts.duration} s`);
      const mix = await runMix(port, server.child.pid, opts, tasks.next);
      logSlow(mix.run.rec, target, log);
      const rssAfter = await rssOf(port);
      log(`[${target}] idle ${opts.idle} s`);
      await sleep(opts.idle * 1000);
      const rssIdle = await rssOf(port);

      const kinds = figuresOf(mix.run.rec, mix.run.seconds, KIND_ORDER);
      const diagnosis = await diagnoseFailures(databaseUrl, kinds, staff);
      for (const d of diagnosis) log(`[${target}] ${d}`);
      const after = await submittedCount(ctx);
      const stored = await refsStored(ctx, tasks.refs);
      const longStarts = mix.run.rec.longStarts;
      return {
        target,
        manifest,
        index,
        sample: {
          items: sample.items.length,
          columns: sample.columns.length,
          homes: sample.homes.length,
          queries: sample.searches.length,
          staff: staff.map((s) => s.org),
        },
        healthz: figuresOf(base.rec, base.seconds, ['/healthz'])[0] as KindFigures,
        kinds,
        total: totalOf(mix.run.rec, mix.run.seconds),
        seconds: mix.run.seconds,
        long: { count: longStarts.length, fromFirstSecond: longStarts.filter((x) => x < 1).length },
        alone,
        diagnosis,
        rss: {
          start: rssStart,
          warm: rssWarm,
          during: mix.rssSeries,
          after: rssAfter,
          idle: rssIdle,
        },
        loadAverage: mix.loadAverage,
        cpu: mix.cpu,
        applications: {
          before,
          after,
          acknowledged: tasks.refs.length,
          distinctRefs: stored.distinct,
          refsFound: stored.found,
        },
      };
    } finally {
      await server.stop();
    }
  } finally {
    await database.close();
  }
}
