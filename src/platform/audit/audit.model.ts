import { sm3Hex } from '../crypto/sm.js';

/** The hash that starts the chain (before the first entry). */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  org_id: number | null;
  action: string;
  target_type: string;
  target_id: string | null;
  diff: string;
}

/**
 * SM3 hash of an entry chained to the previous one. Every stored field is covered, so an edit,
 * an insertion or a deletion breaks the chain at that point.
 */
export function chainHash(prevHash: string, e: AuditFields): string {
  const canonical = JSON.stringify([
    prevHash,
    e.seq,
    e.at,
    e.actor_id,
    e.actor_name,
    e.org_id,
    e.action,
    e.target_type,
    e.target_id,
    e.diff,
  ]);
  return sm3Hex(canonical);
}

export interface AuditProblem {
  seq: number;
  kind: 'edited' | 'inserted' | 'deleted' | 'head';
  message: string;
}

/**
 * Walks entries in seq order and returns the first one that breaks the chain, or null.
 * `expectedFirstSeq`/`prevHash` let a verification start mid-chain; `head` is the last seq and
 * hash the writer recorded, which catches deletion of the newest entries.
 */
export function verifyChain(
  entries: Array<AuditFields & { prev_hash: string; hash: string }>,
  head: { seq: number; hash: string } | null,
): AuditProblem | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.prev_hash !== prev) {
      return e.seq > expectedSeq
        ? { seq: expectedSeq, kind: 'deleted', message: `第 ${expectedSeq} 条之后的记录被删除或链条断开` }
        : { seq: e.seq, kind: 'inserted', message: `第 ${e.seq} 条记录的前序哈希不符（记录被插入或替换）` };
    }
    if (e.seq !== expectedSeq) {
      return { seq: expectedSeq, kind: 'deleted', message: `第 ${expectedSeq} 条记录缺失（被删除）` };
    }
    if (chainHash(prev, e) !== e.hash) {
      return { seq: e.seq, kind: 'edited', message: `第 ${e.seq} 条记录的内容被修改` };
    }
    prev = e.hash;
    expectedSeq = e.seq + 1;
  }
  const lastSeq = expectedSeq - 1;
  if (head && (head.seq !== lastSeq || head.hash !== prev)) {
    return head.seq > lastSeq
      ? { seq: lastSeq + 1, kind: 'deleted', message: `第 ${lastSeq + 1} 条及之后的记录被删除` }
      : { seq: head.seq + 1, kind: 'inserted', message: `第 ${head.seq + 1} 条之后出现未登记的记录` };
  }
  return null;
}

/** The before → after difference of two records, listing only the fields that changed. */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of keys) {
    const bv = before?.[k] ?? null;
    const av = after?.[k] ?? null;
    if (JSON.stringify(bv) !== JSON.stringify(av)) {
      if (before) b[k] = bv;
      if (after) a[k] = av;
    }
  }
  return { before: b, after: a };
}
