import type { Actor } from '../authz.js';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/database.js';
import { isoNow } from '../time.js';
import { ForbiddenError } from '../errors.js';
import {
  ChainVerifier,
  chinaDayEndIso,
  chinaDayStartIso,
  diffRecords,
  type AuditProblem,
} from './audit.model.js';
import { auditRootOrgIds, can } from './audit.policy.js';
import { presentAuditEntry } from './audit.presenter.js';
import {
  appendAudit,
  auditEntriesAfter,
  auditHead,
  listAudit,
  orgNames,
  orgSubtreeIds,
} from './audit.repository.js';
import type { AuditQuery } from './audit.schema.js';

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

/**
 * Verifies the whole chain, streaming it in pages; returns the first problem or null. The head
 * and the entries are read in one snapshot (a repeatable-read transaction), so entries appended
 * while verifying are neither judged nor mistaken for forgeries.
 */
export async function verifyAuditLog(
  ctx: AppContext,
): Promise<{ entries: number; problem: AuditProblem | null }> {
  let tx = ctx.db.transaction();
  if (ctx.dialect === 'postgres') tx = tx.setIsolationLevel('repeatable read');
  return tx.execute(async (trx) => {
    const head = (await auditHead(trx)) ?? null;
    const verifier = new ChainVerifier();
    let after = 0;
    for (;;) {
      const page = await auditEntriesAfter(trx, after, 2000);
      for (const e of page)
        if (verifier.push(e)) return { entries: verifier.count, problem: verifier.finish(head) };
      const last = page[page.length - 1];
      if (!last) break;
      after = last.seq;
    }
    return { entries: verifier.count, problem: verifier.finish(head) };
  });
}

export const PAGE_SIZE = 50;

/** One page of the audit log for the actor, with the orgs they may filter by. */
export async function listAuditPage(ctx: AppContext, actor: Actor, q: Partial<AuditQuery>) {
  if (!can(actor, 'audit.list'))
    throw new ForbiddenError('ERR_AUDIT_FORBIDDEN', '您没有查看审计日志的权限。');
  const roots = auditRootOrgIds(actor);
  const visible = roots === 'all' ? null : await orgSubtreeIds(ctx.db, roots);
  let orgIds: number[] | null = visible;
  if (q.org !== undefined) orgIds = visible === null || visible.includes(q.org) ? [q.org] : [];
  const page = q.page ?? 1;
  const rows = await listAudit(
    ctx.db,
    {
      orgIds,
      actor: q.actor,
      action: q.action,
      targetType: q.targetType,
      from: q.from ? chinaDayStartIso(q.from) : undefined,
      to: q.to ? chinaDayEndIso(q.to) : undefined,
    },
    PAGE_SIZE + 1,
    (page - 1) * PAGE_SIZE,
  );
  return {
    entries: rows.slice(0, PAGE_SIZE).map(presentAuditEntry),
    hasNext: rows.length > PAGE_SIZE,
    page,
    orgs: await orgNames(ctx.db, visible),
  };
}
