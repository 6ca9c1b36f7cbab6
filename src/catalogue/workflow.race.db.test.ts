import { beforeAll, expect, it } from 'vitest';
import { createTestOrg } from '../../test/factories.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { actor, form, user } from './catalogue.test-support.js';
import { listColumns, updateColumn } from './columns.service.js';
import { createItem, getItem } from './items.service.js';
import { listReviews } from './items.repository.js';
import { publishItem, reviewItem, submitItem, withdrawItem } from './workflow.service.js';

/**
 * Two requests for the same transition at once (a double click, two tabs, two reviewers) make
 * the transition once (issue 8): the loser gets a 409 and nothing is written twice. On
 * PostgreSQL the two transactions really overlap (READ COMMITTED: both read the old row, the
 * second UPDATE waits for the first and re-checks its WHERE); on SQLite they are serialised.
 */
describeEachDb('catalogue workflow under concurrent requests', (get) => {
  let orgId: number;
  let editor: Actor;
  let rv1: Actor;
  let rv2: Actor;
  let columnId: number;

  beforeAll(async () => {
    const ctx = get();
    ctx.now = () => new Date('2026-03-10T02:00:00Z');
    orgId = (await createTestOrg(ctx, { code: 'race-org', kind: 'zone' })).id;
    editor = actor(await user(ctx, 'race-ed'), orgId, 'editor');
    rv1 = actor(await user(ctx, 'race-rv1'), orgId, 'reviewer');
    rv2 = actor(await user(ctx, 'race-rv2'), orgId, 'reviewer');
    const cols = await listColumns(ctx, editor, orgId);
    columnId = cols.find((c) => c.code === 'policy')?.id ?? 0;
  });

  const auditCount = async (ctx: AppContext, action: string, id: number) =>
    (
      await ctx.db
        .selectFrom('audit_log')
        .select('seq')
        .where('action', '=', action)
        .where('target_id', '=', String(id))
        .execute()
    ).length;

  const settle = async (tries: Array<Promise<unknown>>) => {
    const r = await Promise.allSettled(tries);
    const won = r.filter((x) => x.status === 'fulfilled').length;
    const codes = r.flatMap((x) =>
      x.status === 'rejected' ? [(x.reason as { code?: string }).code ?? String(x.reason)] : [],
    );
    return { won, codes };
  };

  const approvedItem = async (ctx: AppContext, n: number) => {
    const { item } = await createItem(
      ctx,
      editor,
      orgId,
      form(columnId, { doc_type: 'other', doc_number: `温高管〔2026〕${n}号` }),
    );
    await submitItem(ctx, editor, orgId, item.id);
    return item.id;
  };

  it('withdraws once when two withdrawals race', async () => {
    const ctx = get();
    for (let n = 0; n < 5; n++) {
      const id = await approvedItem(ctx, 100 + n);
      await reviewItem(ctx, rv1, orgId, id, { decision: 'approve', comment: null });
      await publishItem(ctx, rv1, orgId, id, { mode: 'now', scheduled_at: null });
      const { won, codes } = await settle([
        withdrawItem(ctx, rv1, orgId, id, '内容已过时'),
        withdrawItem(ctx, rv2, orgId, id, '重复发布'),
      ]);
      expect(won).toBe(1);
      expect(codes).toHaveLength(1);
      expect(['ERR_ITEM_STATE', 'ERR_ITEM_CHANGED']).toContain(codes[0]);
      expect(await auditCount(ctx, 'item.withdraw', id)).toBe(1);
      expect((await getItem(ctx, editor, orgId, id)).status).toBe('withdrawn');
    }
  });

  it('never approves a level twice when two reviewers approve at once', async () => {
    const ctx = get();
    const admin: Actor = { userId: 0, username: 'pa', isPlatformAdmin: true, grants: [] };
    const col = (await listColumns(ctx, admin, orgId)).find((c) => c.code === 'art20-07');
    if (!col) throw new Error('column missing');
    await updateColumn(ctx, admin, orgId, col.id, {
      code: col.code,
      name: col.name,
      parent_id: col.parentId,
      update_class: 'none',
      review_levels: 2,
      sort: null,
    });
    for (let n = 0; n < 5; n++) {
      const { item } = await createItem(
        ctx,
        editor,
        orgId,
        form(col.id, { doc_type: 'other', doc_number: null }),
      );
      await submitItem(ctx, editor, orgId, item.id);
      const { won, codes } = await settle([
        reviewItem(ctx, rv1, orgId, item.id, { decision: 'approve', comment: null }),
        reviewItem(ctx, rv2, orgId, item.id, { decision: 'approve', comment: null }),
      ]);
      // No level is approved twice: overlapping, the loser finds the level moved on (409);
      // one after the other, the second reviewer approves level 2.
      const levels = (await listReviews(ctx.db, item.id))
        .filter((r) => r.decision === 'approve')
        .map((r) => r.level);
      expect(levels).toEqual(won === 2 ? [1, 2] : [1]);
      expect(codes).toEqual(won === 2 ? [] : ['ERR_ITEM_CHANGED']);
      expect(await auditCount(ctx, 'item.approve', item.id)).toBe(won);
      expect((await getItem(ctx, editor, orgId, item.id)).review_level).toBe(won === 2 ? 3 : 2);
    }
  });
});
