import type { Conn } from '../platform/db/database.js';

/** SQL behind the score inputs (scores.model.ts). */

/** Items published in [from, to] with their 成文日期 (for 条例第二十六条 lateness). */
export async function publishedItems(
  conn: Conn,
  orgId: number,
  from: string,
  to: string,
): Promise<Array<{ formed_on: string; published_on: string | null }>> {
  return conn
    .selectFrom('items')
    .select(['formed_on', 'published_on'])
    .where('org_id', '=', orgId)
    .where('status', 'in', ['published', 'withdrawn'])
    .where('published_on', '>=', from)
    .where('published_on', '<=', to)
    .execute();
}

/** Applications whose reply was due in [from, to], with when they were concluded. */
export async function applicationsDue(
  conn: Conn,
  orgId: number,
  from: string,
  to: string,
): Promise<Array<{ reply_due_on: string | null; concluded_on: string | null }>> {
  return conn
    .selectFrom('applications')
    .select(['reply_due_on', 'concluded_on'])
    .where('org_id', '=', orgId)
    .where('reply_due_on', '>=', from)
    .where('reply_due_on', '<=', to)
    .execute();
}

/** A stored setting's JSON value, or undefined. */
export async function settingJson(conn: Conn, key: string): Promise<unknown> {
  const row = await conn
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}
