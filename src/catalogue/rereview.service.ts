import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import { ConflictError } from '../platform/errors.js';
import { isoNow } from '../platform/time.js';
import { assertCatalogue } from './columns.service.js';
import { insertReview, updateItemRow } from './items.repository.js';
import { itemOf, recordVersion } from './items.service.js';

const stale = () => new ConflictError('ERR_ITEM_CHANGED', '该信息状态已变化，请刷新后重试。');

/**
 * Records a periodic re-review of a 不予公开 item (条例第十八条). `keep` sets the next date;
 * `release` makes it 主动公开 and sends it into the normal review and publication flow.
 */
export async function rereviewItem(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  id: number,
  input: { result: 'keep' | 'release'; comment: string | null },
  nextReviewOn: string,
): Promise<void> {
  await assertCatalogue(ctx.db, actor, 'rereview', orgId);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await itemOf(trx, orgId, id);
    if (row.attribute !== 'withheld')
      throw new ConflictError('ERR_ITEM_STATE', '该信息不是不予公开信息。');
    const now = isoNow(ctx.now());
    const release = input.result === 'release';
    const values = release
      ? {
          attribute: 'active',
          attribute_reason: null,
          rereview_on: null,
          status: 'in_review',
          review_level: 1,
          version: row.version + 1,
          change_note: null,
          updated_at: now,
        }
      : { rereview_on: nextReviewOn, updated_at: now };
    if (!(await updateItemRow(trx, id, row.version, values, row.status))) throw stale();
    await insertReview(trx, {
      item_id: id,
      version: row.version,
      level: 0,
      reviewer_id: actor.userId,
      decision: release ? 'rereview_release' : 'rereview_keep',
      comment: input.comment,
      at: now,
    });
    if (release)
      await recordVersion(
        trx,
        await itemOf(trx, orgId, id),
        actor,
        now,
        '经定期审查，转为主动公开',
      );
    await audit(ctx, trx, actor, {
      orgId,
      action: release ? 'item.rereview_release' : 'item.rereview_keep',
      targetType: 'item',
      targetId: id,
      after: { result: input.result, next: release ? null : nextReviewOn },
    });
  });
}
