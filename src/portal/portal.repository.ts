import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Conn } from '../platform/db/database.js';
import type { AttachmentsTable, ColumnsTable, DB, ItemsTable } from '../platform/db/schema.js';

/**
 * SQL of the public portal. Only 主动公开 items that are published are ever listed: status
 * 'published' and attribute 'active' (条例第十九、二十条); withdrawn ones are found only to show
 * their withdrawal notice.
 */

export type ColumnRow = Selectable<ColumnsTable>;
export type PortalItemRow = Selectable<ItemsTable>;
export type AttachmentMeta = Pick<
  Selectable<AttachmentsTable>,
  'id' | 'filename' | 'media_type' | 'size'
>;

/** Fields a list of items shows. */
export const LIST_FIELDS = [
  'items.id',
  'items.ref',
  'items.title',
  'items.published_on',
  'items.published_at',
  'items.doc_number',
  'items.index_no',
  'items.formed_on',
  'items.validity',
  'items.summary',
] as const;
export type ListedItemRow = Pick<
  PortalItemRow,
  | 'id'
  | 'ref'
  | 'title'
  | 'published_on'
  | 'published_at'
  | 'doc_number'
  | 'index_no'
  | 'formed_on'
  | 'validity'
  | 'summary'
>;

/** The condition every public item meets. */
export function isPublic(eb: ExpressionBuilder<DB, 'items'>) {
  return eb.and([
    eb('items.status', '=', 'published'),
    eb('items.attribute', '=', 'active'),
    eb('items.published_on', 'is not', null),
  ]);
}

/** The columns of an org in display order. */
export async function listColumns(conn: Conn, orgId: number): Promise<ColumnRow[]> {
  return conn
    .selectFrom('columns')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

/** Which items a column shows: those filed in these columns, or of these categories. */
export interface ColumnScope {
  columnIds: number[];
  categories: string[];
}

function inScope(eb: ExpressionBuilder<DB, 'items'>, scope: ColumnScope) {
  const parts = [];
  if (scope.columnIds.length) parts.push(eb('items.column_id', 'in', scope.columnIds));
  if (scope.categories.length) parts.push(eb('items.category', 'in', scope.categories));
  return parts.length ? eb.or(parts) : eb.val(false);
}

/** Public items of an org, newest first; `limit + 1` rows tell whether a next page exists. */
export async function listPublicItems(
  conn: Conn,
  orgId: number,
  scope: ColumnScope | null,
  limit: number,
  offset = 0,
): Promise<ListedItemRow[]> {
  let q = conn
    .selectFrom('items')
    .select(LIST_FIELDS)
    .where('items.org_id', '=', orgId)
    .where(isPublic);
  if (scope) q = q.where((eb) => inScope(eb, scope));
  return q
    .orderBy('items.published_on', 'desc')
    .orderBy('items.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** An item of an org by id (all digits) or by ref, whatever its status. */
export async function findItem(
  conn: Conn,
  orgId: number,
  idOrRef: string,
): Promise<PortalItemRow | undefined> {
  if (/^\d{1,15}$/.test(idOrRef)) {
    const byId = await conn
      .selectFrom('items')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', Number(idOrRef))
      .executeTakeFirst();
    if (byId) return byId;
  }
  return conn
    .selectFrom('items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('ref', '=', idOrRef)
    .executeTakeFirst();
}

/** A public item of an org by ref (the policy an interpretation explains). */
export async function findPublicByRef(
  conn: Conn,
  orgId: number,
  ref: string,
): Promise<ListedItemRow | undefined> {
  return conn
    .selectFrom('items')
    .select(LIST_FIELDS)
    .where('items.org_id', '=', orgId)
    .where('items.ref', '=', ref)
    .where(isPublic)
    .executeTakeFirst();
}

/** Public interpretations (政策解读) of the policy with this ref. */
export async function listInterpretations(
  conn: Conn,
  orgId: number,
  ref: string,
): Promise<ListedItemRow[]> {
  return conn
    .selectFrom('items')
    .select(LIST_FIELDS)
    .where('items.org_id', '=', orgId)
    .where('items.interprets_ref', '=', ref)
    .where(isPublic)
    .orderBy('items.published_on')
    .orderBy('items.id')
    .execute();
}

/** Attachments of an item (metadata only). */
export async function listAttachments(conn: Conn, itemId: number): Promise<AttachmentMeta[]> {
  return conn
    .selectFrom('attachments')
    .select(['id', 'filename', 'media_type', 'size'])
    .where('item_id', '=', itemId)
    .orderBy('id')
    .execute();
}

/** An attachment of an org whose item is public, with its content, or undefined. */
export async function findPublicAttachment(conn: Conn, orgId: number, id: number) {
  return conn
    .selectFrom('attachments')
    .innerJoin('items', 'items.id', 'attachments.item_id')
    .select([
      'attachments.id',
      'attachments.filename',
      'attachments.media_type',
      'attachments.size',
      'attachments.sha256',
      'attachments.storage',
      'attachments.data',
    ])
    .where('attachments.org_id', '=', orgId)
    .where('items.org_id', '=', orgId)
    .where('attachments.id', '=', id)
    .where(isPublic)
    .executeTakeFirst();
}

/** Filters of the 政策文件 library; absent ones do not filter. */
export interface PolicyFilters {
  year?: number;
  docType?: string;
  validity?: string;
  topic?: string;
  docNumber?: string;
}

/** Policy documents (category art20-01) of an org matching the filters, newest first. */
export async function searchPolicies(
  conn: Conn,
  orgId: number,
  f: PolicyFilters,
  limit: number,
  offset: number,
): Promise<ListedItemRow[]> {
  let q = conn
    .selectFrom('items')
    .select(LIST_FIELDS)
    .where('items.org_id', '=', orgId)
    .where('items.category', '=', 'art20-01')
    .where(isPublic);
  if (f.year !== undefined)
    q = q
      .where('items.formed_on', '>=', `${f.year}-01-01`)
      .where('items.formed_on', '<=', `${f.year}-12-31`);
  if (f.docType) q = q.where('items.doc_type', '=', f.docType);
  if (f.validity) q = q.where('items.validity', '=', f.validity);
  if (f.topic) q = q.where('items.topic', '=', f.topic);
  if (f.docNumber) {
    const pattern = `%${f.docNumber.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    q = q.where(sql<boolean>`items.doc_number like ${pattern} escape '!'`);
  }
  return q
    .orderBy('items.formed_on', 'desc')
    .orderBy('items.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The years (of 成文日期) and 主题分类 the org's policy documents have, for the filter form. */
export async function policyFacets(
  conn: Conn,
  orgId: number,
): Promise<{ years: number[]; topics: string[] }> {
  const base = conn
    .selectFrom('items')
    .where('items.org_id', '=', orgId)
    .where('items.category', '=', 'art20-01')
    .where(isPublic);
  const years = await base
    .select(sql<string>`substr(items.formed_on, 1, 4)`.as('y'))
    .distinct()
    .execute();
  const topics = await base
    .select('items.topic')
    .distinct()
    .where('items.topic', 'is not', null)
    .execute();
  return {
    years: years.map((r) => Number(r.y)).sort((a, b) => b - a),
    topics: topics.flatMap((r) => (r.topic ? [r.topic] : [])).sort(),
  };
}

/** How many public items each org has (for splitting the sitemap). */
export async function countPublicByOrg(conn: Conn): Promise<Map<number, number>> {
  const rows = await conn
    .selectFrom('items')
    .select(['items.org_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where(isPublic)
    .groupBy('items.org_id')
    .execute();
  return new Map(rows.map((r) => [r.org_id, Number(r.n)]));
}

/** A page of an org's public items for the sitemap, oldest first (stable paging). */
export async function sitemapItems(conn: Conn, orgId: number, limit: number, offset: number) {
  return conn
    .selectFrom('items')
    .select(['items.id', 'items.updated_at'])
    .where('items.org_id', '=', orgId)
    .where(isPublic)
    .orderBy('items.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The portal's data version (moved by triggers on every change the portal shows). */
export interface PortalVersion {
  version: string;
  changedAt: string;
  prevChangedAt: string;
}

/** Reads the version row of migration 20261128_0710_portal_cache. */
export async function portalVersion(conn: Conn): Promise<PortalVersion> {
  const { rows } = await sql<{
    version: number | string;
    changed_at: string;
    prev_changed_at: string;
  }>`select version, changed_at, prev_changed_at from portal_state where id = 1`.execute(conn);
  const row = rows[0];
  if (!row) return { version: '0', changedAt: '', prevChangedAt: '' };
  return {
    version: String(row.version),
    changedAt: row.changed_at,
    prevChangedAt: row.prev_changed_at,
  };
}
