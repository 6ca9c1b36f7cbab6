import type { Conn } from '../platform/db/database.js';
import { OPEN_STATUSES } from '../requests/applications.model.js';

/** The reads of the monitors (all SQL); every function takes the connection first. */

/** An org's columns. */
export function columnRows(conn: Conn, orgId: number) {
  return conn
    .selectFrom('columns')
    .select(['id', 'code', 'name', 'parent_id', 'update_class'])
    .where('org_id', '=', orgId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

/** Latest 发布日期 of published items per column (items filed directly in it). */
export async function lastPublishedByColumn(
  conn: Conn,
  orgId: number,
): Promise<Map<number, string>> {
  const rows = await conn
    .selectFrom('items')
    .select(['column_id', (eb) => eb.fn.max('published_on').as('last')])
    .where('org_id', '=', orgId)
    .where('status', '=', 'published')
    .where('published_on', 'is not', null)
    .where('column_id', 'is not', null)
    .groupBy('column_id')
    .execute();
  const out = new Map<number, string>();
  for (const r of rows) if (r.column_id !== null && r.last) out.set(r.column_id, String(r.last));
  return out;
}

/** Latest 发布日期 of a published item on the org's own portal (channel `portal`). */
export async function lastPortalPublication(conn: Conn, orgId: number): Promise<string | null> {
  const row = await conn
    .selectFrom('items')
    .select((eb) => eb.fn.max('published_on').as('last'))
    .where('org_id', '=', orgId)
    .where('status', '=', 'published')
    .where('channels', 'like', '%"portal"%')
    .executeTakeFirst();
  return row?.last ? String(row.last) : null;
}

/** Published 主动公开 items with 发布日期 on or after `from` (timeliness). */
export function publishedSince(conn: Conn, orgId: number, from: string) {
  return conn
    .selectFrom('items')
    .select(['id', 'ref', 'title', 'column_id', 'formed_on', 'published_on', 'attribute'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'published')
    .where('attribute', '=', 'active')
    .where('published_on', '>=', from)
    .orderBy('id')
    .execute();
}

/** Open applications of an org whose reply date is before `today` (no personal fields). */
export function overdueApplications(conn: Conn, orgId: number, today: string) {
  return conn
    .selectFrom('applications')
    .select(['id', 'ref', 'status', 'reply_due_on'])
    .where('org_id', '=', orgId)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('reply_due_on', '<', today)
    .orderBy('id')
    .execute();
}

/** The org's 政务新媒体 accounts. */
export function newMediaRows(conn: Conn, orgId: number) {
  return conn
    .selectFrom('new_media_accounts')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('platform')
    .orderBy('name')
    .execute();
}

/** The latest finished link-check run of an org, or undefined. */
export function latestDoneLinkRun(conn: Conn, orgId: number) {
  return conn
    .selectFrom('link_check_runs')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('status', '=', 'done')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Published items of an org after `afterId`, a page at a time (content rescan). */
export function publishedItemsPage(conn: Conn, orgId: number, afterId: number, limit: number) {
  return conn
    .selectFrom('items')
    .select(['id', 'title', 'column_id', 'body_html'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'published')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Extracted text of the attachments of some items. */
export function attachmentTextsOf(conn: Conn, itemIds: number[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return conn
    .selectFrom('attachments')
    .select(['id', 'item_id', 'filename', 'text_content'])
    .where('item_id', 'in', itemIds)
    .where('text_content', 'is not', null)
    .orderBy('id')
    .execute();
}
