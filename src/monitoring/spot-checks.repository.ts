import type { Selectable } from 'kysely';
import type { Conn } from '../platform/db/database.js';
import type { SpotCheckItemsTable, SpotChecksTable } from '../platform/db/schema.js';

/** All SQL of spot checks (抽查). */
export type SpotCheckRow = Selectable<SpotChecksTable>;
export type SpotCheckItemRow = Selectable<SpotCheckItemsTable>;

/** Published items of an org with a publication date in [from, to]: the sampling frame. */
export async function publishedInPeriod(
  conn: Conn,
  orgId: number,
  from: string,
  to: string,
): Promise<Array<{ id: number; column_id: number | null }>> {
  return conn
    .selectFrom('items')
    .select(['id', 'column_id'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'published')
    .where('published_on', '>=', from)
    .where('published_on', '<=', to)
    .orderBy('id')
    .execute();
}

export async function listSpotChecks(conn: Conn, orgId: number): Promise<SpotCheckRow[]> {
  return conn
    .selectFrom('spot_checks')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('id', 'desc')
    .execute();
}

export async function findSpotCheck(conn: Conn, id: number): Promise<SpotCheckRow | undefined> {
  return conn.selectFrom('spot_checks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSpotCheck(conn: Conn, v: Omit<SpotCheckRow, 'id'>): Promise<number> {
  const row = await conn
    .insertInto('spot_checks')
    .values(v)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertSpotCheckItems(
  conn: Conn,
  spotCheckId: number,
  items: ReadonlyArray<{ id: number; columnId: number | null }>,
): Promise<void> {
  if (items.length === 0) return;
  await conn
    .insertInto('spot_check_items')
    .values(
      items.map((i) => ({
        spot_check_id: spotCheckId,
        item_id: i.id,
        column_id: i.columnId,
        result: null,
        checklist: null,
        note: null,
        checked_by: null,
        checked_at: null,
      })),
    )
    .execute();
}

/** The sampled items of a check with their titles, in sample order. */
export async function spotCheckItems(
  conn: Conn,
  spotCheckId: number,
): Promise<Array<SpotCheckItemRow & { title: string; published_on: string | null; ref: string }>> {
  return conn
    .selectFrom('spot_check_items')
    .innerJoin('items', 'items.id', 'spot_check_items.item_id')
    .selectAll('spot_check_items')
    .select(['items.title', 'items.published_on', 'items.ref'])
    .where('spot_check_id', '=', spotCheckId)
    .orderBy('spot_check_items.id')
    .execute();
}

export async function updateSpotCheckItem(
  conn: Conn,
  id: number,
  v: Partial<Omit<SpotCheckItemRow, 'id' | 'spot_check_id' | 'item_id'>>,
): Promise<void> {
  await conn.updateTable('spot_check_items').set(v).where('id', '=', id).execute();
}

export async function updateSpotCheck(
  conn: Conn,
  id: number,
  v: Partial<Omit<SpotCheckRow, 'id' | 'org_id'>>,
): Promise<void> {
  await conn.updateTable('spot_checks').set(v).where('id', '=', id).execute();
}

/** Checked sampled items of the org's spot checks whose period overlaps [from, to]. */
export async function spotResultsInPeriod(
  conn: Conn,
  orgIds: number[],
  from: string,
  to: string,
): Promise<Array<{ org_id: number; result: string | null }>> {
  if (orgIds.length === 0) return [];
  return conn
    .selectFrom('spot_check_items')
    .innerJoin('spot_checks', 'spot_checks.id', 'spot_check_items.spot_check_id')
    .select(['spot_checks.org_id', 'spot_check_items.result'])
    .where('spot_checks.org_id', 'in', orgIds)
    .where('spot_checks.period_from', '<=', to)
    .where('spot_checks.period_to', '>=', from)
    .execute();
}
