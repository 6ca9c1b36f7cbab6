import type { Selectable } from 'kysely';
import type { Conn } from '../platform/db/database.js';
import type { NewMediaAccountsTable } from '../platform/db/schema.js';

/** SQL of the 政务新媒体 register. */
export type NewMediaRow = Selectable<NewMediaAccountsTable>;
export type NewMediaValues = Omit<NewMediaRow, 'id' | 'org_id' | 'created_at' | 'updated_at'>;

export function findAccount(
  conn: Conn,
  orgId: number,
  id: number,
): Promise<NewMediaRow | undefined> {
  return conn
    .selectFrom('new_media_accounts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Another account of the org with the same platform and name (the unique index). */
export function findDuplicate(
  conn: Conn,
  orgId: number,
  platform: string,
  name: string,
  exceptId: number | null,
): Promise<{ id: number } | undefined> {
  let q = conn
    .selectFrom('new_media_accounts')
    .select('id')
    .where('org_id', '=', orgId)
    .where('platform', '=', platform)
    .where('name', '=', name);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export async function insertAccount(
  conn: Conn,
  orgId: number,
  v: NewMediaValues,
  now: string,
): Promise<number> {
  const row = await conn
    .insertInto('new_media_accounts')
    .values({ ...v, org_id: orgId, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAccount(
  conn: Conn,
  id: number,
  v: Partial<NewMediaValues>,
  now: string,
): Promise<void> {
  await conn
    .updateTable('new_media_accounts')
    .set({ ...v, updated_at: now })
    .where('id', '=', id)
    .execute();
}
