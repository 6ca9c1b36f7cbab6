import type { Insertable, Updateable } from 'kysely';
import type { Conn } from '../platform/db/database.js';
import type { AppealsTable } from '../platform/db/schema.js';

/** SQL of 行政复议 / 行政诉讼 cases (EXCHANGE.md §1.4). */

export function appealRows(conn: Conn, orgId: number, pendingOnly: boolean) {
  let q = conn
    .selectFrom('appeals')
    .leftJoin('applications', 'applications.id', 'appeals.application_id')
    .selectAll('appeals')
    .select('applications.ref as application_ref')
    .where('appeals.org_id', '=', orgId);
  if (pendingOnly) q = q.where('appeals.decided_on', 'is', null);
  return q.orderBy('appeals.filed_on', 'desc').orderBy('appeals.id', 'desc').execute();
}

export function appealByRef(conn: Conn, orgId: number, ref: string) {
  return conn
    .selectFrom('appeals')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('ref', '=', ref)
    .executeTakeFirst();
}

export async function insertAppeal(conn: Conn, row: Insertable<AppealsTable>): Promise<number> {
  const r = await conn.insertInto('appeals').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateAppeal(
  conn: Conn,
  id: number,
  patch: Updateable<AppealsTable>,
): Promise<void> {
  await conn.updateTable('appeals').set(patch).where('id', '=', id).execute();
}
