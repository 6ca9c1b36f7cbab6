import { attachmentBody } from '../catalogue/attachments.store.js';
import type { AppContext } from '../platform/context.js';
import { NotFoundError } from '../platform/errors.js';
import { formatChinaTime } from '../platform/time.js';
import type { Org } from '../orgs/orgs.model.js';
import { findOrg } from '../orgs/orgs.service.js';
import {
  findItem,
  findPublicAttachment,
  findPublicByRef,
  listAttachments,
  listColumns,
  listInterpretations,
  listPublicItems,
  policyFacets,
  searchPolicies,
  type ColumnRow,
  type ColumnScope,
  type PolicyFilters,
} from './portal.repository.js';
import {
  toItemSummary,
  toPublicAttachment,
  validityLabel,
  type PublicItem,
  type PublicItemSummary,
  type WithdrawalNotice,
} from './portal.presenter.js';

/** Use cases of the public portal. Everything here is public data; nothing needs an actor. */

/** Items per page of a column or the policy library. */
export const PAGE_SIZE = 20;

/** An org by code, or ERR_ORG_NOT_FOUND (404). */
export async function orgOr404(ctx: AppContext, code: string): Promise<Org> {
  const org = await findOrg(ctx, code);
  if (!org) throw new NotFoundError('ERR_ORG_NOT_FOUND', '您访问的单位网站不存在，请检查网址。');
  return org;
}

/** The public URL of a column (the guide and the policy library have their own pages). */
export function columnHref(orgCode: string, columnCode: string): string {
  if (columnCode === 'guide') return `/${orgCode}/guide`;
  if (columnCode === 'policy') return `/${orgCode}/policies`;
  return `/${orgCode}/columns/${columnCode}`;
}

/** Portal navigation of an org: its home, then its top-level columns in order. */
export async function portalNav(
  ctx: AppContext,
  org: Org,
): Promise<Array<{ href: string; label: string }>> {
  const top = (await listColumns(ctx.db, org.id)).filter((c) => c.parent_id === null);
  const nav = [{ href: `/${org.code}/`, label: '首页' }];
  if (!top.some((c) => c.code === 'guide'))
    nav.push({ href: `/${org.code}/guide`, label: '政府信息公开指南' });
  for (const c of top) nav.push({ href: columnHref(org.code, c.code), label: c.name });
  if (!top.some((c) => c.code === 'policy'))
    nav.push({ href: `/${org.code}/policies`, label: '政策文件' });
  nav.push({ href: `/${org.code}/annual-reports`, label: '政府信息公开年报' });
  nav.push({ href: `/${org.code}/apply`, label: '依申请公开' });
  nav.push({ href: `/${org.code}/search`, label: '信息检索' });
  return nav;
}

/** An org's home: the latest items, the latest notices and the top-level columns. */
export async function orgHomeData(ctx: AppContext, org: Org) {
  const columns = await listColumns(ctx.db, org.id);
  const latest = await listPublicItems(ctx.db, org.id, null, 10);
  const noticeColumns = columns.filter((c) => c.update_class === 'notice');
  const notices = noticeColumns.length
    ? await listPublicItems(
        ctx.db,
        org.id,
        { columnIds: noticeColumns.map((c) => c.id), categories: [] },
        8,
      )
    : [];
  return {
    latest: latest.map((r) => toItemSummary(org.code, r)),
    notices: notices.map((r) => toItemSummary(org.code, r)),
    noticeHref: noticeColumns[0] ? columnHref(org.code, noticeColumns[0].code) : null,
    columns: columns
      .filter((c) => c.parent_id === null)
      .map((c) => ({ href: columnHref(org.code, c.code), name: c.name })),
  };
}

/** What a column shows: the items filed in it or its sub-columns, or of their categories. */
export function scopeOf(column: ColumnRow, all: ColumnRow[]): ColumnScope {
  const family = [column, ...all.filter((c) => c.parent_id === column.id)];
  return {
    columnIds: family.map((c) => c.id),
    categories: family.flatMap((c) => (c.category && c.category !== 'guide' ? [c.category] : [])),
  };
}

/** A column page: the column, its sub-columns and one page of its public items. */
export async function columnPageData(ctx: AppContext, org: Org, code: string, page: number) {
  const all = await listColumns(ctx.db, org.id);
  const column = all.find((c) => c.code === code);
  if (!column) throw new NotFoundError('ERR_COLUMN_NOT_FOUND', '您访问的栏目不存在。');
  const rows = await listPublicItems(
    ctx.db,
    org.id,
    scopeOf(column, all),
    PAGE_SIZE + 1,
    (page - 1) * PAGE_SIZE,
  );
  const parent = all.find((c) => c.id === column.parent_id) ?? null;
  return {
    column: { code: column.code, name: column.name, updateClass: column.update_class },
    parent: parent ? { href: columnHref(org.code, parent.code), name: parent.name } : null,
    children: all
      .filter((c) => c.parent_id === column.id)
      .map((c) => ({ href: columnHref(org.code, c.code), name: c.name })),
    items: rows.slice(0, PAGE_SIZE).map((r) => toItemSummary(org.code, r)),
    hasNext: rows.length > PAGE_SIZE,
  };
}

/** The column an item page names (its breadcrumb and ColumnName). */
export interface ItemColumn {
  name: string;
  href: string;
  updateClass: string;
}

/**
 * An item page: a public item with its metadata, attachments and interpretation links, or the
 * withdrawal notice of a withdrawn one. Drafts, items in review, 依申请公开 and 不予公开 items
 * are not found (ERR_ITEM_NOT_FOUND), whatever their status.
 */
export async function itemPageData(
  ctx: AppContext,
  org: Org,
  idOrRef: string,
): Promise<
  | { kind: 'public'; item: PublicItem; column: ItemColumn | null }
  | { kind: 'withdrawn'; notice: WithdrawalNotice }
> {
  const row = await findItem(ctx.db, org.id, idOrRef);
  const notFound = () => new NotFoundError('ERR_ITEM_NOT_FOUND', '您访问的信息不存在或未公开。');
  if (!row || row.attribute !== 'active') throw notFound();
  if (row.status === 'withdrawn') {
    return {
      kind: 'withdrawn',
      notice: {
        title: row.title,
        indexNo: row.index_no,
        withdrawnOn: row.withdrawn_on,
        reason: row.withdrawal_reason,
      },
    };
  }
  if (row.status !== 'published' || row.published_on === null) throw notFound();
  const columns = await listColumns(ctx.db, org.id);
  const col = columns.find((c) => c.id === row.column_id);
  const policy = row.interprets_ref
    ? await findPublicByRef(ctx.db, org.id, row.interprets_ref)
    : undefined;
  const summary: PublicItemSummary = toItemSummary(org.code, row);
  const item: PublicItem = {
    ...summary,
    indexNo: row.index_no,
    publisher: org.name,
    topic: row.topic,
    abolishedOn: row.abolished_on,
    bodyHtml: row.body_html,
    summary: row.summary,
    changeNote: row.change_note,
    pubDateTime: row.published_at ? formatChinaTime(row.published_at) : row.published_on,
    attachments: (await listAttachments(ctx.db, row.id)).map((a) =>
      toPublicAttachment(org.code, a),
    ),
    policy: policy ? toItemSummary(org.code, policy) : null,
    interpretations: (await listInterpretations(ctx.db, org.id, row.ref)).map((r) =>
      toItemSummary(org.code, r),
    ),
    validity: validityLabel(row.validity),
  };
  const column = col
    ? { name: col.name, href: columnHref(org.code, col.code), updateClass: col.update_class }
    : null;
  return { kind: 'public', item, column };
}

/** An attachment of a public item, with its bytes; ERR_ATTACHMENT_NOT_FOUND otherwise. */
export async function publicAttachment(ctx: AppContext, org: Org, id: number) {
  const row = await findPublicAttachment(ctx.db, org.id, id);
  if (!row) throw new NotFoundError('ERR_ATTACHMENT_NOT_FOUND', '您访问的附件不存在或未公开。');
  // In the database or, with ATTACHMENTS_DIR, a stream of its content-addressed file.
  const data = await attachmentBody(ctx, row);
  return { filename: row.filename, mediaType: row.media_type, size: row.size, data };
}

/** One page of the 政策文件 library with the filter choices. */
export async function policyLibraryData(
  ctx: AppContext,
  org: Org,
  filters: PolicyFilters,
  page: number,
) {
  const rows = await searchPolicies(ctx.db, org.id, filters, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
  return {
    facets: await policyFacets(ctx.db, org.id),
    items: rows.slice(0, PAGE_SIZE).map((r) => toItemSummary(org.code, r)),
    hasNext: rows.length > PAGE_SIZE,
  };
}
