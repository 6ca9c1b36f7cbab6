import { sql } from 'kysely';
import { dialectOf, type Conn, type Tx } from '../db/database.js';
import { GENESIS_HASH, chainHash, type AuditFields } from './audit.model.js';

export interface NewAuditEntry {
  at: string;
  actorId: number | null;
  actorName: string;
  orgId: number | null;
  action: string;
  targetType: string;
  targetId: string | null;
  diff: unknown;
}

/**
 * Appends one entry to the chain inside the caller's transaction. The single `audit_head` row is
 * locked first (FOR UPDATE on PostgreSQL; SQLite serialises writers), so concurrent writers
 * never fork the chain.
 */
export async function appendAudit(trx: Tx, entry: NewAuditEntry): Promise<number> {
  let headQuery = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  if (dialectOf(trx) === 'postgres') headQuery = headQuery.forUpdate();
  let head = await headQuery.executeTakeFirst();
  if (!head) {
    await trx
      .insertInto('audit_head')
      .values({ id: 1, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    let again = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
    if (dialectOf(trx) === 'postgres') again = again.forUpdate();
    head = await again.executeTakeFirstOrThrow();
  }
  const fields: AuditFields = {
    seq: head.seq + 1,
    at: entry.at,
    actor_id: entry.actorId,
    actor_name: entry.actorName,
    org_id: entry.orgId,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId,
    diff: JSON.stringify(entry.diff ?? {}),
  };
  const hash = chainHash(head.hash, fields);
  await trx
    .insertInto('audit_log')
    .values({ ...fields, prev_hash: head.hash, hash })
    .execute();
  await trx.updateTable('audit_head').set({ seq: fields.seq, hash }).where('id', '=', 1).execute();
  return fields.seq;
}

export async function auditHead(db: Conn) {
  return db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
}

/** Entries in seq order, a page at a time (for verification over large logs). */
export async function auditEntriesAfter(db: Conn, afterSeq: number, limit: number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export interface AuditFilter {
  orgIds?: number[] | null;
  action?: string;
  actor?: string;
  targetType?: string;
  from?: string;
  to?: string;
}

/** Filtered listing, newest first. */
export async function listAudit(db: Conn, f: AuditFilter, limit: number, offset: number) {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.orgIds) q = f.orgIds.length ? q.where('org_id', 'in', f.orgIds) : q.where(sql<boolean>`1 = 0`);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actor) q = q.where('actor_name', '=', f.actor);
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  return q.orderBy('seq', 'desc').limit(limit).offset(offset).execute();
}
