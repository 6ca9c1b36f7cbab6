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

type ChainEntry = AuditFields & { prev_hash: string; hash: string };

/**
 * Checks the chain one entry at a time, so a large log is verified in pages without holding it
 * in memory. `push` returns the first problem (and keeps returning it); `finish` compares the end
 * of the chain with the head the writer recorded, which catches deletion of the newest entries
 * and entries appended behind the writer's back.
 */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private expectedSeq = 1;
  private problem: AuditProblem | null = null;
  count = 0;

  push(e: ChainEntry): AuditProblem | null {
    if (this.problem) return this.problem;
    this.count++;
    const expected = this.expectedSeq;
    if (e.prev_hash !== this.prev) {
      this.problem =
        e.seq > expected
          ? {
              seq: expected,
              kind: 'deleted',
              message: `第 ${expected} 条之后的记录被删除或链条断开`,
            }
          : {
              seq: e.seq,
              kind: 'inserted',
              message: `第 ${e.seq} 条记录的前序哈希不符（记录被插入或替换）`,
            };
    } else if (e.seq !== expected) {
      this.problem = {
        seq: expected,
        kind: 'deleted',
        message: `第 ${expected} 条记录缺失（被删除）`,
      };
    } else if (chainHash(this.prev, e) !== e.hash) {
      this.problem = { seq: e.seq, kind: 'edited', message: `第 ${e.seq} 条记录的内容被修改` };
    } else {
      this.prev = e.hash;
      this.expectedSeq = e.seq + 1;
    }
    return this.problem;
  }

  finish(head: { seq: number; hash: string } | null): AuditProblem | null {
    if (this.problem) return this.problem;
    const lastSeq = this.expectedSeq - 1;
    if (!head) {
      // Entries without a head row: the head was deleted to hide a truncation.
      return lastSeq > 0 ? { seq: 1, kind: 'head', message: '审计链头记录缺失' } : null;
    }
    if (head.seq === lastSeq && head.hash === this.prev) return null;
    if (head.seq > lastSeq) {
      return {
        seq: lastSeq + 1,
        kind: 'deleted',
        message: `第 ${lastSeq + 1} 条及之后的记录被删除`,
      };
    }
    if (head.seq < lastSeq) {
      return {
        seq: head.seq + 1,
        kind: 'inserted',
        message: `第 ${head.seq + 1} 条之后出现未登记的记录`,
      };
    }
    return { seq: head.seq, kind: 'head', message: `第 ${head.seq} 条记录与链头哈希不符` };
  }
}

/** Walks entries in seq order and returns the first one that breaks the chain, or null. */
export function verifyChain(
  entries: ChainEntry[],
  head: { seq: number; hash: string } | null,
): AuditProblem | null {
  const v = new ChainVerifier();
  for (const e of entries) if (v.push(e)) break;
  return v.finish(head);
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

/** The first instant of a China calendar date (`YYYY-MM-DD`), as stored ISO text. */
export function chinaDayStartIso(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

/** The first instant of the China calendar day after `date`, for inclusive date ranges. */
export function chinaDayEndIso(date: string): string {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 24 * 3600 * 1000).toISOString();
}
