import type { Conn } from '../platform/db/database.js';
import type { FindingsWhitelist } from './findings.model.js';

/** SQL of the stored false-positive whitelist of the content checks (issue 7, §7.4). */

export interface WhitelistRow {
  id: number;
  org_id: number | null;
  text: string;
  rule: string | null;
  reason: string;
  created_by: number | null;
  created_at: string;
}

/** The entries that apply to an org: its own and the platform-wide ones (org_id null). */
export function whitelistRows(conn: Conn, orgId: number): Promise<WhitelistRow[]> {
  return conn
    .selectFrom('content_whitelist')
    .selectAll()
    .where((eb) => eb.or([eb('org_id', '=', orgId), eb('org_id', 'is', null)]))
    .orderBy('id')
    .execute();
}

/** The org's whitelist in the form the engine takes (CheckOptions.whitelist). */
export async function loadWhitelist(conn: Conn, orgId: number): Promise<FindingsWhitelist> {
  const rows = await whitelistRows(conn, orgId);
  return { entries: rows.map((r) => (r.rule ? { text: r.text, rule: r.rule } : { text: r.text })) };
}

/** Adds an entry unless the same org/text/rule is already there; returns its id. */
export async function addWhitelistEntry(
  conn: Conn,
  e: Omit<WhitelistRow, 'id'>,
): Promise<{ id: number; added: boolean }> {
  let q = conn
    .selectFrom('content_whitelist')
    .select('id')
    .where('text', '=', e.text)
    .where('org_id', e.org_id === null ? 'is' : '=', e.org_id);
  q = q.where('rule', e.rule === null ? 'is' : '=', e.rule);
  const existing = await q.executeTakeFirst();
  if (existing) return { id: existing.id, added: false };
  const r = await conn
    .insertInto('content_whitelist')
    .values(e)
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: r.id, added: true };
}

export function findWhitelistEntry(conn: Conn, id: number): Promise<WhitelistRow | undefined> {
  return conn.selectFrom('content_whitelist').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteWhitelistEntry(conn: Conn, id: number): Promise<void> {
  await conn.deleteFrom('content_whitelist').where('id', '=', id).execute();
}
