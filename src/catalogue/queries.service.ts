import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { NotFoundError } from '../platform/errors.js';
import { chinaDate } from '../platform/time.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { reviewStage, timeliness } from './catalogue.model.js';
import { can } from './catalogue.policy.js';
import { scopeOf } from '../orgs/orgs.service.js';
import { assertCatalogue, listColumns } from './columns.service.js';
import type { Column } from './columns.model.js';
import { interpretationsOf } from './figures.service.js';
import {
  findItemByRef,
  listAttachments,
  listItemRows,
  listReviews,
  listVersions,
  userNames,
  type AttachmentMeta,
  type ItemReviewRow,
  type ItemRow,
  type ItemVersionRow,
} from './items.repository.js';
import { itemOf } from './items.service.js';
import { parseSnapshot } from './items.model.js';
import {
  diffSnapshots,
  bodyLines,
  lineDiff,
  type DiffLine,
  type FieldChange,
} from './versions.model.js';

/** Read models of the staff pages: lists, the item page, version comparison. */

export const PAGE_SIZE = 30;

/** The item list: all, my drafts, or the items awaiting the actor's review (待我审核). */
export async function listItems(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  q: {
    status: string | null;
    column: number | null;
    view: 'all' | 'mine' | 'review';
    page: number;
  },
): Promise<{ items: ItemRow[]; hasNext: boolean; columns: Column[] }> {
  const columns = await listColumns(ctx, actor, orgId);
  const offset = (q.page - 1) * PAGE_SIZE;
  if (q.view === 'review') {
    const mayReview = can(actor, 'review', await scopeOf(ctx.db, orgId));
    const levels = new Map(columns.map((c) => [c.id, c.reviewLevels]));
    const rows = mayReview
      ? await listItemRows(ctx.db, { orgId, status: 'in_review', limit: 1000, offset: 0 })
      : [];
    const waiting = rows.filter(
      (r) =>
        r.author_id !== actor.userId &&
        reviewStage(r.review_level, levels.get(r.column_id ?? 0) ?? 1).kind === 'awaiting',
    );
    return {
      items: waiting.slice(offset, offset + PAGE_SIZE),
      hasNext: waiting.length > offset + PAGE_SIZE,
      columns,
    };
  }
  const mine = q.view === 'mine';
  const items = await listItemRows(ctx.db, {
    orgId,
    status: mine ? null : q.status,
    statuses: mine ? ['draft', 'returned'] : undefined,
    columnId: q.column,
    authorId: mine ? actor.userId : null,
    limit: PAGE_SIZE + 1,
    offset,
  });
  return { items: items.slice(0, PAGE_SIZE), hasNext: items.length > PAGE_SIZE, columns };
}

/** Everything the item page shows. */
export interface ItemDetails {
  item: ItemRow;
  column: Column | null;
  levels: number;
  versions: ItemVersionRow[];
  reviews: ItemReviewRow[];
  names: Map<number, string>;
  attachments: AttachmentMeta[];
  interprets: ItemRow | null;
  interpretations: ItemRow[];
  due: string;
  late: boolean;
  may: { draft: boolean; review: boolean; publish: boolean; withdraw: boolean };
}

/** The item page's data, with the due date of 条例第二十六条 and what the actor may do. */
export async function itemDetails(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  id: number,
): Promise<ItemDetails> {
  await assertCatalogue(ctx.db, actor, 'read', orgId);
  const item = await itemOf(ctx.db, orgId, id);
  const columns = await listColumns(ctx, actor, orgId);
  const column = columns.find((c) => c.id === item.column_id) ?? null;
  const versions = await listVersions(ctx.db, id);
  const reviews = await listReviews(ctx.db, id);
  const ids = [
    ...versions.map((v) => v.author_id),
    ...reviews.map((r) => r.reviewer_id),
    item.author_id,
  ].filter((x): x is number => typeof x === 'number');
  const scope = await scopeOf(ctx.db, orgId);
  const t = timeliness(
    await loadCalendar(ctx),
    item.formed_on,
    item.published_on,
    chinaDate(ctx.now()),
  );
  return {
    item,
    column,
    levels: column?.reviewLevels ?? 1,
    versions,
    reviews,
    names: await userNames(ctx.db, [...new Set(ids)]),
    attachments: await listAttachments(ctx.db, id),
    interprets: item.interprets_ref
      ? ((await findItemByRef(ctx.db, orgId, item.interprets_ref)) ?? null)
      : null,
    interpretations: await interpretationsOf(ctx, orgId, item.ref),
    due: t.due,
    late: item.attribute === 'active' && t.late,
    may: {
      draft: can(actor, 'draft', scope),
      review: can(actor, 'review', scope) && actor.userId !== item.author_id,
      publish: can(actor, 'publish', scope),
      withdraw: can(actor, 'withdraw', scope),
    },
  };
}

/** A field-by-field comparison of two versions of an item (body line by line). */
export async function compareVersions(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  id: number,
  a: number,
  b: number,
): Promise<{
  item: ItemRow;
  a: ItemVersionRow;
  b: ItemVersionRow;
  fields: FieldChange[];
  body: DiffLine[];
  versions: ItemVersionRow[];
}> {
  await assertCatalogue(ctx.db, actor, 'read', orgId);
  const item = await itemOf(ctx.db, orgId, id);
  const versions = await listVersions(ctx.db, id);
  const va = versions.find((v) => v.version === a);
  const vb = versions.find((v) => v.version === b);
  if (!va || !vb) throw new NotFoundError('ERR_VERSION_NOT_FOUND', '所选版本不存在。');
  const sa = parseSnapshot(va.snapshot);
  const sb = parseSnapshot(vb.snapshot);
  return {
    item,
    a: va,
    b: vb,
    fields: diffSnapshots(sa, sb).filter((f) => f.field !== 'body_html'),
    body: lineDiff(bodyLines(sa.body_html ?? null), bodyLines(sb.body_html ?? null)),
    versions,
  };
}

/** Published policies an interpretation may link to (rules, normative documents, 政策文件). */
export async function policyOptions(
  ctx: AppContext,
  orgId: number,
): Promise<Array<{ ref: string; title: string }>> {
  return ctx.db
    .selectFrom('items')
    .select(['ref', 'title'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'published')
    .where((eb) =>
      eb.or([eb('doc_type', 'in', ['rule', 'normative']), eb('category', '=', 'art20-01')]),
    )
    .orderBy('published_on', 'desc')
    .limit(500)
    .execute();
}
