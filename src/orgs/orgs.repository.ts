import { prepared } from '../platform/db/prepared.js';
import { sql, type Selectable } from 'kysely';
import type { OrgScope } from '../platform/authz.js';
import type { Conn } from '../platform/db/database.js';
import type { OrgsTable } from '../platform/db/schema.js';

/** All SQL of the orgs domain. Functions take the database or a transaction first. */
export type OrgRow = Selectable<OrgsTable>;

/** Column values of an org (everything but id and created_at). */
export type OrgValues = Omit<OrgRow, 'id' | 'created_at'>;

/** One org by id. */
export async function findOrgById(conn: Conn, id: number): Promise<OrgRow | undefined> {
  return conn.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One org by code. */
export async function findOrgByCode(conn: Conn, code: string): Promise<OrgRow | undefined> {
  return conn.selectFrom('orgs').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Every org, ordered by id. */
export async function listOrgRows(conn: Conn): Promise<OrgRow[]> {
  return conn.selectFrom('orgs').selectAll().orderBy('id').execute();
}

/** Orgs with the given ids. */
export async function listOrgRowsByIds(conn: Conn, ids: number[]): Promise<OrgRow[]> {
  if (ids.length === 0) return [];
  return conn.selectFrom('orgs').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

/** Inserts an org and returns its id. */
export async function insertOrg(
  conn: Conn,
  values: OrgValues & { created_at: string },
): Promise<number> {
  const row = await conn
    .insertInto('orgs')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates an org's columns. */
export async function updateOrgRow(
  conn: Conn,
  id: number,
  values: Partial<OrgValues>,
): Promise<void> {
  await conn.updateTable('orgs').set(values).where('id', '=', id).execute();
}

/** Ids of every descendant of an org (children, their children, …). */
export async function descendantIds(conn: Conn, orgId: number): Promise<number[]> {
  // UNION (not UNION ALL) stops even on a corrupted, cyclic hierarchy.
  const result = await sql<{ id: number }>`
    WITH RECURSIVE d(id) AS (
      SELECT id FROM orgs WHERE parent_id = ${orgId}
      UNION
      SELECT o.id FROM orgs o JOIN d ON o.parent_id = d.id
    )
    SELECT id FROM d`.execute(conn);
  return result.rows.map((r) => Number(r.id));
}

/** Ids of an org's ancestors, nearest first. */
export async function ancestorIds(conn: Conn, orgId: number): Promise<number[]> {
  const result = await sql<{ id: number; depth: number }>`
    WITH RECURSIVE a(id, parent_id, depth) AS (
      SELECT p.id, p.parent_id, 1 FROM orgs c JOIN orgs p ON p.id = c.parent_id WHERE c.id = ${orgId}
      UNION ALL
      SELECT p.id, p.parent_id, a.depth + 1 FROM orgs p JOIN a ON p.id = a.parent_id WHERE a.depth < 64
    )
    SELECT id, depth FROM a ORDER BY depth`.execute(conn);
  return result.rows.map((r) => Number(r.id));
}

/**
 * An org by code and its place in the tree (its ancestors, nearest first), in one statement: what
 * a page that authorises against the org tree reads on every request.
 */
export async function findOrgAndScope(
  conn: Conn,
  code: string,
): Promise<{ row: OrgRow; scope: OrgScope } | null> {
  const result = await sql<OrgRow & { depth: number }>`${prepared()}
    WITH RECURSIVE a(id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM orgs WHERE code = ${code}
      UNION ALL
      SELECT p.id, p.parent_id, a.depth + 1 FROM orgs p JOIN a ON p.id = a.parent_id
      WHERE a.depth < 64
    )
    SELECT o.*, a.depth AS depth FROM a JOIN orgs o ON o.id = a.id ORDER BY a.depth`.execute(conn);
  const [first, ...rest] = result.rows;
  if (!first || Number(first.depth) !== 0) return null;
  const { depth: _d, ...row } = first;
  return {
    row: row as OrgRow,
    scope: { orgId: Number(row.id), ancestorIds: rest.map((r) => Number(r.id)) },
  };
}

/**
 * Takes the next serial of an org's 索引号 counter for a period, atomically: one upsert that
 * PostgreSQL serialises with a row lock, and SQLite with its single writer. It runs in the
 * caller's transaction, so a rolled-back use gives its number back and a committed one is never
 * handed out again.
 */
export async function takeNextSerial(conn: Conn, orgId: number, period: string): Promise<number> {
  const row = await conn
    .insertInto('index_sequences')
    .values({ org_id: orgId, period, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(['org_id', 'period']).doUpdateSet((eb) => ({
        last_value: eb(eb.ref('index_sequences.last_value'), '+', 1),
      })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value);
}
