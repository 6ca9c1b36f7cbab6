import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Conn } from '../platform/db/database.js';
import type {
  AttachmentsTable,
  ItemReviewsTable,
  ItemsTable,
  ItemVersionsTable,
} from '../platform/db/schema.js';

/** All SQL of items, their versions, reviews and attachments. */
export type ItemRow = Selectable<ItemsTable>;
export type ItemVersionRow = Selectable<ItemVersionsTable>;
export type ItemReviewRow = Selectable<ItemReviewsTable>;
export type AttachmentMeta = Omit<Selectable<AttachmentsTable>, 'data' | 'text_content'>;

/** One item by id. */
export async function findItemRow(conn: Conn, id: number): Promise<ItemRow | undefined> {
  return conn.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One item of an org by ref. */
export async function findItemByRef(
  conn: Conn,
  orgId: number,
  ref: string,
): Promise<ItemRow | undefined> {
  return conn
    .selectFrom('items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('ref', '=', ref)
    .executeTakeFirst();
}

/** Filters of the staff item list. */
export interface ItemFilter {
  orgId: number;
  status?: string | null;
  /** Any of these statuses (my drafts: draft and returned). */
  statuses?: string[];
  columnId?: number | null;
  authorId?: number | null;
  limit: number;
  offset: number;
}

/** Items of an org, newest change first. */
export async function listItemRows(conn: Conn, f: ItemFilter): Promise<ItemRow[]> {
  let q = conn.selectFrom('items').selectAll().where('org_id', '=', f.orgId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.statuses && f.statuses.length > 0) q = q.where('status', 'in', f.statuses);
  if (f.columnId) q = q.where('column_id', '=', f.columnId);
  if (f.authorId) q = q.where('author_id', '=', f.authorId);
  return q
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

/** Inserts an item and returns its id. */
export async function insertItem(conn: Conn, values: Insertable<ItemsTable>): Promise<number> {
  const row = await conn
    .insertInto('items')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Updates an item only if it is still at `version` (optimistic lock: two editors never
 * silently overwrite each other) and, when given, still in `expectedStatus` (a transition that
 * keeps the version, like publication, must not run twice: on PostgreSQL a concurrent second
 * UPDATE re-checks its WHERE after the first commits), and, when given, still at
 * `expectedReviewLevel` (two reviewers approving the same level at once). Returns whether a row
 * changed.
 */
export async function updateItemRow(
  conn: Conn,
  id: number,
  expectedVersion: number | null,
  values: Updateable<ItemsTable>,
  expectedStatus?: string,
  expectedReviewLevel?: number,
): Promise<boolean> {
  let q = conn.updateTable('items').set(values).where('id', '=', id);
  if (expectedVersion !== null) q = q.where('version', '=', expectedVersion);
  if (expectedStatus !== undefined) q = q.where('status', '=', expectedStatus);
  if (expectedReviewLevel !== undefined) q = q.where('review_level', '=', expectedReviewLevel);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Other items of the org with the same 文号 (for the duplicate warning). */
export async function itemsWithDocNumber(
  conn: Conn,
  orgId: number,
  docNumber: string,
  exceptId: number | null,
): Promise<Array<{ id: number; title: string }>> {
  let q = conn
    .selectFrom('items')
    .select(['id', 'title'])
    .where('org_id', '=', orgId)
    .where('doc_number', '=', docNumber);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  return q.limit(5).execute();
}

/** Appends a version row. */
export async function insertVersion(conn: Conn, v: Insertable<ItemVersionsTable>): Promise<void> {
  await conn.insertInto('item_versions').values(v).execute();
}

/** Versions of an item, oldest first. */
export async function listVersions(conn: Conn, itemId: number): Promise<ItemVersionRow[]> {
  return conn
    .selectFrom('item_versions')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('version')
    .execute();
}

/** Appends a review decision (level 0 = a periodic re-review of 条例第十八条). */
export async function insertReview(conn: Conn, r: Insertable<ItemReviewsTable>): Promise<void> {
  await conn.insertInto('item_reviews').values(r).execute();
}

/** Review decisions of an item, oldest first. */
export async function listReviews(conn: Conn, itemId: number): Promise<ItemReviewRow[]> {
  return conn
    .selectFrom('item_reviews')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('id')
    .execute();
}

/** Attachments of an item (without their bytes). */
export async function listAttachments(conn: Conn, itemId: number): Promise<AttachmentMeta[]> {
  return conn
    .selectFrom('attachments')
    .select([
      'id',
      'item_id',
      'org_id',
      'filename',
      'media_type',
      'size',
      'sha256',
      'storage',
      'created_at',
    ])
    .where('item_id', '=', itemId)
    .orderBy('id')
    .execute();
}

/** One attachment with its bytes. */
export async function findAttachment(
  conn: Conn,
  id: number,
): Promise<Selectable<AttachmentsTable> | undefined> {
  return conn.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Stores an attachment and returns its id. */
export async function insertAttachment(
  conn: Conn,
  a: Insertable<AttachmentsTable>,
): Promise<number> {
  const row = await conn
    .insertInto('attachments')
    .values(a)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Deletes an attachment. */
export async function deleteAttachment(conn: Conn, id: number): Promise<void> {
  await conn.deleteFrom('attachments').where('id', '=', id).execute();
}

/** Usernames by id, for history displays. */
export async function userNames(conn: Conn, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await conn
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Scheduled items whose time has come, oldest first. */
export async function dueScheduledIds(
  conn: Conn,
  nowIso: string,
  limit: number,
): Promise<number[]> {
  const rows = await conn
    .selectFrom('items')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', nowIso)
    .orderBy('scheduled_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
