import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Conn } from '../platform/db/database.js';
import type { ColumnsTable } from '../platform/db/schema.js';

/** All SQL of columns (栏目). */
export type ColumnRow = Selectable<ColumnsTable>;

/** Columns of an org, in display order. */
export async function listColumnRows(conn: Conn, orgId: number): Promise<ColumnRow[]> {
  return conn
    .selectFrom('columns')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

/** One column by id. */
export async function findColumnRow(conn: Conn, id: number): Promise<ColumnRow | undefined> {
  return conn.selectFrom('columns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One column of an org by code. */
export async function findColumnByCode(
  conn: Conn,
  orgId: number,
  code: string,
): Promise<ColumnRow | undefined> {
  return conn
    .selectFrom('columns')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Inserts a column and returns its id. */
export async function insertColumn(conn: Conn, values: Insertable<ColumnsTable>): Promise<number> {
  const row = await conn
    .insertInto('columns')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates a column. */
export async function updateColumnRow(
  conn: Conn,
  id: number,
  values: Updateable<ColumnsTable>,
): Promise<void> {
  await conn.updateTable('columns').set(values).where('id', '=', id).execute();
}
