import type { Actor } from '../authz.js';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/database.js';
import { isoNow } from '../time.js';
import { verifyChain, diffRecords, type AuditProblem } from './audit.model.js';
import { appendAudit, auditEntriesAfter, auditHead } from './audit.repository.js';

/**
 * Records a change in the audit log, in the same transaction as the change itself, so there is
 * never a change without its entry. `before`/`after` are the record's fields (only the changed
 * ones are kept); personal data must be masked by the caller.
 */
export async function audit(
  ctx: AppContext,
  trx: Tx,
  actor: Actor,
  e: {
    orgId: number | null;
    action: string;
    targetType: string;
    targetId: string | number | null;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
  },
): Promise<void> {
  await appendAudit(trx, {
    at: isoNow(ctx.now()),
    actorId: actor.userId || null,
    actorName: actor.username,
    orgId: e.orgId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId === null ? null : String(e.targetId),
    diff: diffRecords(e.before ?? null, e.after ?? null),
  });
}

/** Verifies the whole chain, streaming it in pages; returns the first problem or null. */
export async function verifyAuditLog(ctx: AppContext): Promise<{ entries: number; problem: AuditProblem | null }> {
  const head = (await auditHead(ctx.db)) ?? null;
  const all = [];
  let after = 0;
  for (;;) {
    const page = await auditEntriesAfter(ctx.db, after, 5000);
    if (page.length === 0) break;
    all.push(...page);
    const last = page[page.length - 1];
    if (!last) break;
    after = last.seq;
  }
  return { entries: all.length, problem: verifyChain(all, head) };
}
