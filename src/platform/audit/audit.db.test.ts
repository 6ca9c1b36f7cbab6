import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { systemActor } from '../authz.js';
import type { AppContext } from '../context.js';
import { describeEachDb } from '../db/test-helper.js';
import { chainHash } from './audit.model.js';
import { audit, verifyAuditLog } from './audit.service.js';

async function appendMany(ctx: AppContext, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    await ctx.db.transaction().execute((trx) =>
      audit(ctx, trx, systemActor('tester'), {
        orgId: null,
        action: 'test.update',
        targetType: 'thing',
        targetId: i,
        before: { title: `旧标题${i}` },
        after: { title: `新标题${i}` },
      }),
    );
  }
}

describeEachDb('audit chain', (get, dialect) => {
  beforeEach(async () => {
    const ctx = get();
    await ctx.db.deleteFrom('audit_log').execute();
    await ctx.db.deleteFrom('audit_head').execute();
  });

  it('verifies an intact chain', async () => {
    const ctx = get();
    expect(await verifyAuditLog(ctx)).toEqual({ entries: 0, problem: null });
    await appendMany(ctx, 5);
    expect(await verifyAuditLog(ctx)).toEqual({ entries: 5, problem: null });
    const row = await ctx.db
      .selectFrom('audit_log')
      .select('diff')
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.diff)).toEqual({
      before: { title: '旧标题3' },
      after: { title: '新标题3' },
    });
  });

  it('reports an edited diff at its seq', async () => {
    const ctx = get();
    await appendMany(ctx, 5);
    await ctx.db
      .updateTable('audit_log')
      .set({ diff: '{"before":{},"after":{"title":"伪造"}}' })
      .where('seq', '=', 3)
      .execute();
    expect((await verifyAuditLog(ctx)).problem).toMatchObject({ seq: 3, kind: 'edited' });
  });

  it('reports a deleted middle entry', async () => {
    const ctx = get();
    await appendMany(ctx, 5);
    await ctx.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    expect((await verifyAuditLog(ctx)).problem).toMatchObject({ seq: 2, kind: 'deleted' });
  });

  it('detects deletion of the newest entries through the head', async () => {
    const ctx = get();
    await appendMany(ctx, 5);
    await ctx.db.deleteFrom('audit_log').where('seq', '>=', 4).execute();
    expect((await verifyAuditLog(ctx)).problem).toMatchObject({ seq: 4, kind: 'deleted' });
  });

  it('reports a forged entry appended behind the writer', async () => {
    const ctx = get();
    await appendMany(ctx, 3);
    const last = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow();
    // A forger who knows the algorithm computes a correct hash; only the head gives it away.
    const forged = {
      seq: 4,
      at: last.at,
      actor_id: null,
      actor_name: 'admin',
      org_id: null,
      action: 'user.grant',
      target_type: 'user',
      target_id: '1',
      diff: '{"before":{},"after":{"role":"org_admin"}}',
    };
    await ctx.db
      .insertInto('audit_log')
      .values({ ...forged, prev_hash: last.hash, hash: chainHash(last.hash, forged) })
      .execute();
    expect((await verifyAuditLog(ctx)).problem).toMatchObject({ seq: 4, kind: 'inserted' });
  });

  it('reports a row inserted in place of another', async () => {
    const ctx = get();
    await appendMany(ctx, 4);
    const second = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    await ctx.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
    await ctx.db
      .insertInto('audit_log')
      .values({
        ...second,
        seq: 3,
        action: 'forged',
        prev_hash: 'f'.repeat(64),
        hash: 'e'.repeat(64),
      })
      .execute();
    expect((await verifyAuditLog(ctx)).problem).toMatchObject({ seq: 3, kind: 'inserted' });
  });

  it('keeps the chain valid under 20 concurrent transactions', async () => {
    const ctx = get();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.db.transaction().execute(async (trx) => {
          await audit(ctx, trx, systemActor('parallel'), {
            orgId: null,
            action: 'test.parallel',
            targetType: 'thing',
            targetId: i,
            after: { n: i },
          });
          // Hold the transaction open a little so the writers really overlap.
          if (dialect === 'postgres') await sql`select pg_sleep(0.01)`.execute(trx);
        }),
      ),
    );
    const result = await verifyAuditLog(ctx);
    expect(result).toEqual({ entries: 20, problem: null });
    const seqs = (await ctx.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map(
      (r) => r.seq,
    );
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
