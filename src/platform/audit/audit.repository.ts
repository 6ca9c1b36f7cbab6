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

/** The last seq and hash the writer recorded, or undefined before the first entry. */
export async function auditHead(db: Conn) {
  return db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
}

/** Entries in seq order after `afterSeq`, a page at a time (verification over large logs). */
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
  /** Only these orgs (null: no restriction). An empty list matches nothing. */
  orgIds?: number[] | null;
  action?: string | undefined;
  actor?: string | undefined;
  targetType?: string | undefined;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

/** Filtered listing, newest first, with the org's name. */
export async function listAudit(db: Conn, f: AuditFilter, limit: number, offset: number) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('orgs', 'orgs.id', 'audit_log.org_id')
    .selectAll('audit_log')
    .select('orgs.name as org_name');
  if (f.orgIds)
    q = f.orgIds.length
      ? q.where('audit_log.org_id', 'in', f.orgIds)
      : q.where(sql<boolean>`1 = 0`);
  if (f.action) q = q.where('audit_log.action', '=', f.action);
  if (f.actor) q = q.where('audit_log.actor_name', '=', f.actor);
  if (f.targetType) q = q.where('audit_log.target_type', '=', f.targetType);
  if (f.from) q = q.where('audit_log.at', '>=', f.from);
  if (f.to) q = q.where('audit_log.at', '<', f.to);
  return q.orderBy('audit_log.seq', 'desc').limit(limit).offset(offset).execute();
}

/**
 * Ids of the given orgs and every org below them, following `parent_id` with a recursive query
 * (UNION, not UNION ALL, so a cycle in bad data cannot loop forever).
 */
export async function orgSubtreeIds(db: Conn, rootIds: number[]): Promise<number[]> {
  if (rootIds.length === 0) return [];
  const rows = await db
    .withRecursive('subtree(id)', (qb) =>
      qb
        .selectFrom('orgs')
        .select('orgs.id')
        .where('orgs.id', 'in', rootIds)
        .union(
          qb
            .selectFrom('orgs')
            .innerJoin('subtree', 'subtree.id', 'orgs.parent_id')
            .select('orgs.id'),
        ),
    )
    .selectFrom('subtree')
    .select('subtree.id')
    .execute();
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** Id and name of orgs for the filter list (all orgs when `ids` is null). */
export async function orgNames(db: Conn, ids: number[] | null) {
  let q = db.selectFrom('orgs').select(['id', 'name', 'code']);
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  return q.orderBy('code').execute();
}
