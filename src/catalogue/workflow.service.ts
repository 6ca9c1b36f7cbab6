import type { Actor } from '../platform/authz.js';
import { systemActor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db/database.js';
import { AppError, ConflictError, ValidationError } from '../platform/errors.js';
import { chinaDate, isoNow } from '../platform/time.js';
import { nextIndexNo } from '../orgs/orgs.service.js';
import { levelAfterApproval, reviewRefusal, reviewStage } from './catalogue.model.js';
import { assertCatalogue, columnOf } from './columns.service.js';
import { channelsOf } from './items.model.js';
import {
  dueScheduledIds,
  findItemRow,
  insertReview,
  listReviews,
  updateItemRow,
  type ItemRow,
} from './items.repository.js';
import { assertPublic, itemOf } from './items.service.js';
import { indexItem } from '../search/search.indexer.js';
import { assertGate, gateOf, type GateFinding } from './content-gate.service.js';

/** The review workflow: submit → 1–3 levels → publish now or at a time → withdraw (issue 3). */

const stale = () => new ConflictError('ERR_ITEM_CHANGED', '该信息状态已变化，请刷新后重试。');

async function levelsOf(trx: Tx, row: ItemRow): Promise<number> {
  return row.column_id ? (await columnOf(trx, row.org_id, row.column_id)).reviewLevels : 1;
}

/** Submits a draft or returned item for review at level 1 (editor). */
export async function submitItem(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  id: number,
): Promise<void> {
  await assertCatalogue(ctx.db, actor, 'draft', orgId);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await itemOf(trx, orgId, id);
    if (row.status !== 'draft' && row.status !== 'returned')
      throw new ConflictError('ERR_ITEM_STATE', '只有草稿或退回的信息可以送审。');
    if (
      !(await updateItemRow(
        trx,
        id,
        row.version,
        { status: 'in_review', review_level: 1, updated_at: isoNow(ctx.now()) },
        row.status,
      ))
    )
      throw stale();
    await audit(ctx, trx, actor, {
      orgId,
      action: 'item.submit',
      targetType: 'item',
      targetId: id,
      before: { status: row.status },
      after: { status: 'in_review' },
    });
  });
}

/**
 * Records a review decision at the awaited level. The author never approves their own item
 * (ERR_SELF_REVIEW), nor does one person approve two levels (ERR_SAME_REVIEWER). A return
 * needs a comment and sends the item back to the editor.
 */
export async function reviewItem(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  id: number,
  decision: { decision: 'approve' | 'return'; comment: string | null },
): Promise<{ approved: boolean }> {
  await assertCatalogue(ctx.db, actor, 'review', orgId);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await itemOf(trx, orgId, id);
    const levels = await levelsOf(trx, row);
    const stage = reviewStage(row.review_level, levels);
    if (row.status !== 'in_review' || stage.kind !== 'awaiting')
      throw new ConflictError('ERR_ITEM_STATE', '该信息当前不在待审核状态。');
    const earlier = (await listReviews(trx, id))
      .filter(
        (r) =>
          r.version === row.version &&
          r.decision === 'approve' &&
          r.level >= 1 &&
          r.level < stage.level,
      )
      .map((r) => r.reviewer_id);
    const refusal = reviewRefusal(actor.userId, row.author_id, earlier);
    if (refusal === 'ERR_SELF_REVIEW') throw new AppError(refusal, 403, '不能审核本人起草的信息。');
    if (refusal) throw new AppError(refusal, 403, '同一人不能审核同一信息的两个级别。');
    const now = isoNow(ctx.now());
    const approve = decision.decision === 'approve';
    // The content gate (issue 7): the final approval waits for blocking findings to be cleared.
    if (approve && stage.level === levels) await assertGate(ctx, trx, row);
    const values = approve
      ? { review_level: levelAfterApproval(stage.level, levels), updated_at: now }
      : { status: 'returned', review_level: 0, updated_at: now };
    // Racing reviewers of the same level: the second finds the level moved on (issue 8).
    if (!(await updateItemRow(trx, id, row.version, values, row.status, row.review_level)))
      throw stale();
    await insertReview(trx, {
      item_id: id,
      version: row.version,
      level: stage.level,
      reviewer_id: actor.userId,
      decision: decision.decision,
      comment: decision.comment,
      at: now,
    });
    await audit(ctx, trx, actor, {
      orgId,
      action: approve ? 'item.approve' : 'item.return',
      targetType: 'item',
      targetId: id,
      after: { level: stage.level, comment: decision.comment },
    });
    return { approved: approve && stage.level === levels };
  });
}

/**
 * Publishes an item inside a transaction: 发布日期 (the item's, else today in China), 索引号
 * issued once and never reused, the portal channel. Only 主动公开 items (ERR_NOT_PUBLIC).
 */
export async function publishInTx(
  ctx: AppContext,
  trx: Tx,
  actor: Actor,
  row: ItemRow,
): Promise<void> {
  assertPublic(row);
  await assertGate(ctx, trx, row); // content gate (issue 7): ERR_CONTENT_BLOCKED, nothing written
  const publishedOn = row.published_on ?? chinaDate(ctx.now());
  if (publishedOn < row.formed_on)
    throw new ValidationError({ published_on: '发布日期不能早于成文日期' });
  const indexNo =
    row.index_no ?? (await nextIndexNo(ctx, trx, row.org_id, publishedOn, row.category));
  const channels = channelsOf(row);
  if (!channels.includes('portal')) channels.unshift('portal');
  const now = isoNow(ctx.now());
  const ok = await updateItemRow(
    trx,
    row.id,
    row.version,
    {
      status: 'published',
      published_on: publishedOn,
      published_at: now,
      scheduled_at: null,
      index_no: indexNo,
      channels: JSON.stringify(channels),
      updated_at: now,
    },
    row.status,
  ); // publishes once even when two requests race (issue 8)
  if (!ok) throw stale();
  await audit(ctx, trx, actor, {
    orgId: row.org_id,
    action: 'item.publish',
    targetType: 'item',
    targetId: row.id,
    before: { status: row.status },
    after: { status: 'published', index_no: indexNo, published_on: publishedOn },
  });
  await indexItem(ctx, trx, row.id); // search index, in this transaction (issue 6)
}

function approvedForPublication(row: ItemRow, levels: number): boolean {
  return (
    (row.status === 'in_review' && reviewStage(row.review_level, levels).kind === 'approved') ||
    row.status === 'scheduled'
  );
}

/** China local `YYYY-MM-DDTHH:MM` → ISO UTC instant. */
export function chinaLocalToIso(local: string): string {
  return new Date(`${local}:00+08:00`).toISOString();
}

/** Publishes an approved item now, or schedules it (a job publishes it at that time). */
export async function publishItem(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  id: number,
  input: { mode: 'now' | 'schedule'; scheduled_at: string | null },
): Promise<void> {
  await assertCatalogue(ctx.db, actor, 'publish', orgId);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await itemOf(trx, orgId, id);
    if (!approvedForPublication(row, await levelsOf(trx, row)))
      throw new ConflictError('ERR_ITEM_STATE', '该信息尚未审核通过，不能发布。');
    assertPublic(row);
    if (input.mode === 'now' || input.scheduled_at === null)
      return publishInTx(ctx, trx, actor, row);
    const at = chinaLocalToIso(input.scheduled_at);
    if (Number.isNaN(Date.parse(at)) || at <= isoNow(ctx.now()))
      throw new ValidationError({ scheduled_at: '定时发布时间应晚于当前时间' });
    await assertGate(ctx, trx, row);
    if (
      !(await updateItemRow(
        trx,
        id,
        row.version,
        { status: 'scheduled', scheduled_at: at, updated_at: isoNow(ctx.now()) },
        row.status,
      ))
    )
      throw stale();
    await audit(ctx, trx, actor, {
      orgId,
      action: 'item.schedule',
      targetType: 'item',
      targetId: id,
      after: { scheduled_at: at },
    });
  });
}

/** Publishes every scheduled item whose time has come (job `catalogue.publish_scheduled`). */
export async function publishScheduled(ctx: AppContext): Promise<number> {
  const ids = await dueScheduledIds(ctx.db, isoNow(ctx.now()), 500);
  let published = 0;
  for (const id of ids) {
    try {
      await ctx.db.transaction().execute(async (trx) => {
        const row = await findItemRow(trx, id);
        if (!row || row.status !== 'scheduled') return;
        const { open } = await gateOf(ctx, trx, row);
        if (open.length) {
          await holdBlocked(ctx, trx, row, open);
          return;
        }
        await publishInTx(ctx, trx, systemActor('scheduler'), row);
        published++;
      });
    } catch (err) {
      // One bad item (e.g. its attribute changed) must not stop the others; it stays scheduled.
      ctx.logger.warn({ err, itemId: id }, 'scheduled publication failed');
    }
  }
  return published;
}

/**
 * A scheduled item the content gate blocks (e.g. a whitelist entry was removed since it was
 * scheduled) is not published: it goes back to the review queue, awaiting its last level, with
 * the reason in its review history and the audit log.
 */
async function holdBlocked(
  ctx: AppContext,
  trx: Tx,
  row: ItemRow,
  open: readonly GateFinding[],
): Promise<void> {
  const now = isoNow(ctx.now());
  const levels = await levelsOf(trx, row);
  const reason = open.map((f) => `${f.label}「${f.text}」：${f.suggestion}`).join('；');
  if (
    !(await updateItemRow(
      trx,
      row.id,
      row.version,
      { status: 'in_review', review_level: levels, scheduled_at: null, updated_at: now },
      row.status,
    ))
  )
    throw stale();
  await insertReview(trx, {
    item_id: row.id,
    version: row.version,
    level: levels,
    reviewer_id: 0,
    decision: 'gate_blocked',
    comment: `定时发布未执行，内容检查发现须确认的问题：${reason}`,
    at: now,
  });
  await audit(ctx, trx, systemActor('scheduler'), {
    orgId: row.org_id,
    action: 'item.publish_blocked',
    targetType: 'item',
    targetId: row.id,
    before: { status: row.status, scheduled_at: row.scheduled_at },
    after: { status: 'in_review', review_level: levels, reason },
  });
}

/** Withdraws a published or scheduled item with a reason, shown as a public notice. */
export async function withdrawItem(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  id: number,
  reason: string,
): Promise<void> {
  await assertCatalogue(ctx.db, actor, 'withdraw', orgId);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await itemOf(trx, orgId, id);
    if (row.status !== 'published' && row.status !== 'scheduled')
      throw new ConflictError('ERR_ITEM_STATE', '只有已发布或定时发布的信息可以撤回。');
    const now = isoNow(ctx.now());
    const ok = await updateItemRow(
      trx,
      id,
      row.version,
      {
        status: 'withdrawn',
        withdrawn_on: chinaDate(ctx.now()),
        withdrawal_reason: reason,
        scheduled_at: null,
        updated_at: now,
      },
      row.status, // withdraws once when two requests race (issue 8)
    );
    if (!ok) throw stale();
    await audit(ctx, trx, actor, {
      orgId,
      action: 'item.withdraw',
      targetType: 'item',
      targetId: id,
      before: { status: row.status },
      after: { status: 'withdrawn', reason },
    });
    await indexItem(ctx, trx, id); // search index, in this transaction (issue 6)
  });
}
