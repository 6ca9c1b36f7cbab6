import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { AppContext } from '../context.js';
import { openDatabase, type Database } from '../db/database.js';
import { describeEachDb, testContext } from '../db/test-helper.js';
import { isoNow } from '../time.js';
import { purgeSessions } from './builtin.jobs.js';
import { claimDueJob, enqueue, requeueStale } from './jobs.repository.js';
import { JobRegistry } from './jobs.registry.js';
import { enqueueJob, enqueueScheduled } from './jobs.service.js';
import { startWorker } from './worker.js';

const fast = { pollMs: 5, housekeepingMs: 60_000, retryBaseMs: 1 };

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function statusCount(ctx: AppContext, name: string, status: string): Promise<number> {
  const r = await ctx.db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('name', '=', name)
    .where('status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describeEachDb('job queue', (get, dialect) => {
  // A second connection pool on the same database, as a second process would have.
  let other: Database | null = null;
  let otherCtx: AppContext;

  beforeAll(async () => {
    const ctx = get();
    if (dialect === 'postgres') {
      // eslint-disable-next-line no-restricted-properties -- the test database, as test-helper reads it
      const url = process.env.TEST_DATABASE_URL ?? '';
      const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(ctx.db);
      const schema = r.rows[0]?.schema ?? '';
      other = openDatabase(url, { schema, poolSize: 5 });
      otherCtx = await testContext(other);
    } else {
      otherCtx = ctx;
    }
  });
  afterAll(async () => {
    await other?.close();
  });
  beforeEach(async () => {
    await get().db.deleteFrom('jobs').execute();
  });

  it('runs each of 200 jobs exactly once with two workers', async () => {
    const ctx = get();
    const runs = new Map<number, number>();
    const seenBy = new Set<string>();
    // Each worker gets its own registry so the test can tell that both took part.
    const registryFor = (workerId: string): JobRegistry =>
      new JobRegistry().define('test.count', async (_c, payload) => {
        const n = (payload as { n: number }).n;
        runs.set(n, (runs.get(n) ?? 0) + 1);
        seenBy.add(workerId);
        await new Promise((r) => setImmediate(r));
      });
    for (let n = 0; n < 200; n++) await enqueueJob(ctx, ctx.db, 'test.count', { n });
    const a = startWorker(ctx, { ...fast, id: 'A', registry: registryFor('A') });
    const b = startWorker(otherCtx, { ...fast, id: 'B', registry: registryFor('B') });
    await waitFor(async () => (await statusCount(ctx, 'test.count', 'done')) === 200);
    await Promise.all([a.stop(), b.stop()]);
    expect(runs.size).toBe(200);
    expect([...runs.values()].every((v) => v === 1)).toBe(true);
    expect(await statusCount(ctx, 'test.count', 'running')).toBe(0);
    expect(seenBy).toEqual(new Set(['A', 'B']));
  });

  it('retries a failing job with back-off and fails it after max_attempts', async () => {
    const ctx = get();
    let calls = 0;
    const registry = new JobRegistry().define('test.fail', async () => {
      calls++;
      throw new Error('mail server down');
    });
    const id = await enqueueJob(ctx, ctx.db, 'test.fail', {}, { maxAttempts: 3 });
    const w = startWorker(ctx, { ...fast, registry });
    await waitFor(async () => (await statusCount(ctx, 'test.fail', 'failed')) === 1);
    await w.stop();
    const row = await ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', id ?? -1)
      .executeTakeFirstOrThrow();
    expect(calls).toBe(3);
    expect(row.attempts).toBe(3);
    expect(row.last_error).toBe('mail server down');
    expect(row.finished_at).not.toBeNull();
  });

  it('succeeds on a retry after a transient failure', async () => {
    const ctx = get();
    let calls = 0;
    const registry = new JobRegistry().define('test.flaky', async () => {
      if (++calls === 1) throw new Error('transient');
    });
    await enqueueJob(ctx, ctx.db, 'test.flaky', {});
    const w = startWorker(ctx, { ...fast, registry });
    await waitFor(async () => (await statusCount(ctx, 'test.flaky', 'done')) === 1);
    await w.stop();
    const row = await ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', 'test.flaky')
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(2);
    expect(row.last_error).toBeNull();
  });

  it('fails a job whose name has no handler without retrying forever', async () => {
    const ctx = get();
    await enqueueJob(ctx, ctx.db, 'test.unknown', {}, { maxAttempts: 1 });
    const w = startWorker(ctx, { ...fast, registry: new JobRegistry() });
    await waitFor(async () => (await statusCount(ctx, 'test.unknown', 'failed')) === 1);
    await w.stop();
    const row = await ctx.db
      .selectFrom('jobs')
      .select('last_error')
      .where('name', '=', 'test.unknown')
      .executeTakeFirstOrThrow();
    expect(row.last_error).toContain('no handler');
  });

  it('enqueues a scheduled slot once however many workers ask', async () => {
    const ctx = get();
    const registry = new JobRegistry()
      .define('test.hourly', async () => {})
      .schedule({ name: 'test.hourly', schedule: { everyMinutes: 60 } });
    const now = new Date('2026-11-28T05:10:00Z');
    const results = await Promise.all([
      enqueueScheduled(ctx, registry, now),
      enqueueScheduled(otherCtx, registry, now),
      enqueueScheduled(ctx, registry, new Date('2026-11-28T05:50:00Z')),
    ]);
    expect(results.flat()).toEqual(['test.hourly']);
    const rows = await ctx.db
      .selectFrom('jobs')
      .select(['unique_key', 'run_at'])
      .where('name', '=', 'test.hourly')
      .execute();
    expect(rows).toEqual([
      { unique_key: 'test.hourly:2026-11-28T05:00:00.000Z', run_at: '2026-11-28T05:00:00.000Z' },
    ]);
    expect(await enqueueScheduled(ctx, registry, new Date('2026-11-28T06:00:00Z'))).toEqual([
      'test.hourly',
    ]);
  });

  it('runs a scheduled job once per slot with two workers', async () => {
    const ctx = get();
    let runs = 0;
    const make = () =>
      new JobRegistry()
        .define('test.daily', async () => {
          runs++;
        })
        .schedule({ name: 'test.daily', schedule: { dailyAt: '02:00' } });
    const opts = { pollMs: 5, housekeepingMs: 1, retryBaseMs: 1 };
    const a = startWorker(ctx, { ...opts, id: 'A', registry: make() });
    const b = startWorker(otherCtx, { ...opts, id: 'B', registry: make() });
    await waitFor(async () => (await statusCount(ctx, 'test.daily', 'done')) === 1);
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all([a.stop(), b.stop()]);
    expect(runs).toBe(1);
  });

  it('deduplicates jobs by unique key', async () => {
    const ctx = get();
    const first = await enqueueJob(
      ctx,
      ctx.db,
      'test.index',
      { id: 42 },
      { uniqueKey: 'index:42' },
    );
    const second = await enqueueJob(
      ctx,
      ctx.db,
      'test.index',
      { id: 42 },
      { uniqueKey: 'index:42' },
    );
    expect(first).toEqual(expect.any(Number));
    expect(second).toBeNull();
  });

  it('returns a job whose worker died to the queue, and fails it when out of attempts', async () => {
    const ctx = get();
    const t0 = '2026-11-28T00:00:00.000Z';
    await enqueue(ctx.db, {
      name: 'test.stale',
      payload: 1,
      runAt: t0,
      createdAt: t0,
      maxAttempts: 2,
    });
    await enqueue(ctx.db, {
      name: 'test.stale',
      payload: 2,
      runAt: t0,
      createdAt: t0,
      maxAttempts: 1,
    });
    expect(await claimDueJob(ctx.db, 'dead', t0)).not.toBeNull();
    expect(await claimDueJob(ctx.db, 'dead', t0)).not.toBeNull();
    expect(await claimDueJob(ctx.db, 'dead', t0)).toBeNull();
    const later = '2026-11-28T01:00:00.000Z';
    expect(await requeueStale(ctx.db, '2026-11-28T00:30:00.000Z', later)).toBe(2);
    expect(await statusCount(ctx, 'test.stale', 'queued')).toBe(1);
    expect(await statusCount(ctx, 'test.stale', 'failed')).toBe(1);
  });

  it('does not claim a job before its run time', async () => {
    const ctx = get();
    const t = '2026-11-28T10:00:00.000Z';
    await enqueue(ctx.db, { name: 'test.later', payload: null, runAt: t, createdAt: t });
    expect(await claimDueJob(ctx.db, 'w', '2026-11-28T09:59:59.999Z')).toBeNull();
    expect((await claimDueJob(ctx.db, 'w', t))?.name).toBe('test.later');
  });

  it('purges expired sessions and old login attempts', async () => {
    const ctx = get();
    const now = ctx.now();
    const iso = (deltaMs: number) => isoNow(new Date(now.getTime() + deltaMs));
    const user = await ctx.db
      .insertInto('users')
      .values({
        username: `purge_${dialect}`,
        display_name: 'p',
        email: null,
        password_hash: 'x',
        is_platform_admin: 0,
        totp_secret: null,
        totp_enabled: 0,
        totp_may_defer: 0,
        failed_logins: 0,
        locked_until: null,
        disabled: 0,
        created_at: iso(0),
        updated_at: iso(0),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = (id: string, expires: string) => ({
      id,
      user_id: user.id,
      second_factor: 1,
      created_at: iso(-1000),
      last_seen_at: iso(-1000),
      expires_at: expires,
      ip: null,
      user_agent: null,
    });
    await ctx.db
      .insertInto('sessions')
      .values([session('expired', iso(-1)), session('live', iso(3600_000))])
      .execute();
    await ctx.db
      .insertInto('login_attempts')
      .values([
        { username: 'x', ip: null, at: iso(-200 * 24 * 3600_000), success: 0 },
        { username: 'x', ip: null, at: iso(-1000), success: 1 },
      ])
      .execute();
    expect(await purgeSessions(ctx)).toEqual({ sessions: 1, loginAttempts: 1 });
    const left = await ctx.db.selectFrom('sessions').select('id').execute();
    expect(left.map((s) => s.id)).toEqual(['live']);
  });
});
