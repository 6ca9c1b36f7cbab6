import { loadCalendar } from '../calendar/calendar.service.js';
import type { HolidayCalendar } from '../calendar/calendar.model.js';
import { findOrgById, listOrgRows, type OrgRow } from '../orgs/orgs.repository.js';
import { scopeOf } from '../orgs/orgs.service.js';
import { audit } from '../platform/audit/audit.service.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db/database.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/errors.js';
import { chinaDate, isoNow } from '../platform/time.js';
import {
  findingKey,
  MONITOR_KINDS,
  type DetectedFinding,
  type MonitorKind,
} from './monitor.contract.js';
import { can } from './monitoring.policy.js';
import { thresholdsFor, type Thresholds } from './monitoring.settings.js';
import { MONITORS, monitorOf, type MonitorEnv } from './monitors.js';
import {
  closeFinding,
  findFinding,
  findingsOfOrg,
  insertEvent,
  insertFinding,
  insertScan,
  touchFinding,
  updateScan,
} from './scan.repository.js';
import { findingDueOn } from './timeliness.model.js';

/**
 * Monitoring scans (issue 7): every monitor over one org or all orgs, with progress in
 * monitor_scans, and the lifecycle of monitor_findings keyed by `findingKey`:
 * new key → open (due in 10 working days, 5 for 单项否决), event `detected`; seen again →
 * last_seen_at (fixed → open `recheck_failed`, closed → open `reopened`, ignored stays);
 * an open or fixed finding no longer seen → closed, `resolved`.
 */

/** Whether a finding was raised by a person (a spot check), not by a monitor. */
function isManual(detail: string): boolean {
  try {
    return (JSON.parse(detail) as { source?: unknown }).source === 'spot_check';
  } catch {
    return false;
  }
}

/** What one org's findings did in a scan. */
export interface ApplyCounts {
  opened: number;
  reopened: number;
  closed: number;
  seen: number;
}

/** The outcome of a scan. */
export interface ScanResult extends ApplyCounts {
  scanId: number;
  orgs: number;
}

const forbidden = () =>
  new ForbiddenError('ERR_MONITORING_FORBIDDEN', '您没有对该单位执行监测的权限。');

/**
 * Stores what the monitors of `ranKinds` saw for one org now (inside `trx`): insert, update,
 * reopen and close findings with their events. Kinds not in `ranKinds` are left alone.
 */
export async function applyFindings(
  trx: Tx,
  actor: Actor,
  org: { id: number },
  ranKinds: ReadonlySet<MonitorKind>,
  detected: readonly DetectedFinding[],
  env: { cal: HolidayCalendar; today: string; t: Thresholds; now: string },
): Promise<ApplyCounts> {
  const actorId = actor.userId || null;
  const existing = new Map(
    (await findingsOfOrg(trx, org.id, [...ranKinds])).map((r) => [r.key, r]),
  );
  const counts: ApplyCounts = { opened: 0, reopened: 0, closed: 0, seen: 0 };
  const seen = new Set<string>();
  for (const f of detected) {
    const key = findingKey(org.id, f);
    if (seen.has(key)) continue;
    seen.add(key);
    const row = existing.get(key);
    if (!row) {
      const id = await insertFinding(
        trx,
        org.id,
        key,
        f,
        findingDueOn(env.cal, env.today, f.severity, env.t),
        env.now,
      );
      await insertEvent(trx, id, 'detected', actorId, env.now);
      counts.opened++;
    } else if (row.status === 'fixed' || row.status === 'closed') {
      await touchFinding(trx, row.id, f, env.now, 'open');
      if (row.status === 'closed')
        await trx
          .updateTable('monitor_findings')
          .set({ due_on: findingDueOn(env.cal, env.today, f.severity, env.t) })
          .where('id', '=', row.id)
          .execute();
      await insertEvent(
        trx,
        row.id,
        row.status === 'fixed' ? 'recheck_failed' : 'reopened',
        actorId,
        env.now,
      );
      counts.reopened++;
    } else {
      await touchFinding(trx, row.id, f, env.now);
      counts.seen++;
    }
  }
  for (const row of existing.values()) {
    if (seen.has(row.key) || (row.status !== 'open' && row.status !== 'fixed')) continue;
    // A problem a person found (a spot check) is not the scan's to close.
    if (isManual(row.detail)) continue;
    await closeFinding(trx, row.id, env.now);
    await insertEvent(trx, row.id, 'resolved', actorId, env.now);
    counts.closed++;
  }
  return counts;
}

/** Runs the monitors over one org: the findings and the kinds that could be judged. */
async function runMonitors(
  ctx: AppContext,
  org: OrgRow,
  env: MonitorEnv,
  failed: string[],
  onMonitorDone: () => Promise<void>,
): Promise<{ detected: DetectedFinding[]; ran: Set<MonitorKind> }> {
  const detected: DetectedFinding[] = [];
  const ran = new Set<MonitorKind>();
  for (const m of MONITORS) {
    let found: DetectedFinding[] | null = null;
    try {
      found = await m.run(ctx, org, env);
    } catch (err) {
      // One broken monitor must not stop the others; its kinds are left as they are.
      ctx.logger.error({ err, org: org.code, monitor: m.id }, 'monitor failed');
      failed.push(`${org.code}/${m.label}`);
    }
    if (found !== null) {
      detected.push(...found);
      for (const k of m.kinds) ran.add(k);
    }
    await onMonitorDone();
  }
  return { detected, ran };
}

/**
 * Runs every monitor for one org (`orgId`) or for all orgs (platform admin), records the scan
 * with its progress and applies the findings per org in a transaction with an audit entry.
 */
export async function runMonitorScan(
  ctx: AppContext,
  actor: Actor,
  opts: { orgId?: number } = {},
): Promise<ScanResult> {
  let orgs: OrgRow[];
  if (opts.orgId !== undefined) {
    const org = await findOrgById(ctx.db, opts.orgId);
    if (!org) throw new NotFoundError('ERR_ORG_NOT_FOUND', '该单位不存在。');
    if (!can(actor, 'scan', await scopeOf(ctx.db, org.id))) throw forbidden();
    orgs = [org];
  } else {
    if (!can(actor, 'scan_all', { orgId: 0, ancestorIds: [] })) throw forbidden();
    orgs = await listOrgRows(ctx.db);
  }
  const cal = await loadCalendar(ctx);
  const today = chinaDate(ctx.now());
  const scanId = await insertScan(
    ctx.db,
    opts.orgId ?? null,
    orgs.length * MONITORS.length,
    isoNow(ctx.now()),
  );
  const total: ApplyCounts = { opened: 0, reopened: 0, closed: 0, seen: 0 };
  let done = 0;
  const failed: string[] = [];
  try {
    for (const org of orgs) {
      const t = await thresholdsFor(ctx.db, org.id);
      const { detected, ran } = await runMonitors(ctx, org, { today, t, cal }, failed, async () => {
        done++;
        await updateScan(ctx.db, scanId, { done });
      });
      const c = await ctx.db.transaction().execute(async (trx) => {
        const counts = await applyFindings(trx, actor, org, ran, detected, {
          cal,
          today,
          t,
          now: isoNow(ctx.now()),
        });
        await audit(ctx, trx, actor, {
          orgId: org.id,
          action: 'monitoring.scan',
          targetType: 'monitor_scan',
          targetId: scanId,
          after: { ...counts },
        });
        await updateScan(trx, scanId, {
          opened: total.opened + total.reopened + counts.opened + counts.reopened,
          closed: total.closed + counts.closed,
        });
        return counts;
      });
      for (const k of Object.keys(total) as Array<keyof ApplyCounts>) total[k] += c[k];
    }
    await updateScan(ctx.db, scanId, {
      status: 'done',
      finished_at: isoNow(ctx.now()),
      error: failed.length ? `未能完成的监测：${failed.join('、')}`.slice(0, 500) : null,
    });
  } catch (err) {
    await updateScan(ctx.db, scanId, {
      status: 'failed',
      finished_at: isoNow(ctx.now()),
      error: (err instanceof Error ? err.message : String(err)).slice(0, 500),
    });
    throw err;
  }
  return { scanId, orgs: orgs.length, ...total };
}

/**
 * Re-checks one finding after it was marked fixed: re-runs only the monitor of its kind for its
 * org; closes the finding (`recheck_passed`) when the problem is gone, else reopens it
 * (`recheck_failed`). Anyone who may see the org's monitoring may trigger it. An ignored
 * finding is not re-checked (ERR_FINDING_IGNORED).
 */
export async function recheckFinding(
  ctx: AppContext,
  actor: Actor,
  findingId: number,
): Promise<'closed' | 'reopened'> {
  const row = await findFinding(ctx.db, findingId);
  if (!row) throw new NotFoundError('ERR_FINDING_NOT_FOUND', '该监测问题不存在。');
  if (!can(actor, 'read', await scopeOf(ctx.db, row.org_id))) throw forbidden();
  if (row.status === 'ignored')
    throw new ConflictError('ERR_FINDING_IGNORED', '该问题已标记为误报，无需复核。');
  if (!(MONITOR_KINDS as readonly string[]).includes(row.kind))
    throw new ConflictError('ERR_FINDING_KIND', '该问题的类型无法复核。');
  const org = await findOrgById(ctx.db, row.org_id);
  if (!org) throw new NotFoundError('ERR_ORG_NOT_FOUND', '该单位不存在。');
  const env: MonitorEnv = {
    today: chinaDate(ctx.now()),
    t: await thresholdsFor(ctx.db, org.id),
    cal: await loadCalendar(ctx),
  };
  // A problem a person found (a spot check) is re-checked by a person: marking it fixed is the
  // owner's confirmation, recorded in the history; no detector can judge it.
  const manual = isManual(row.detail);
  const found = manual ? [] : await monitorOf(row.kind as MonitorKind).run(ctx, org, env);
  const still = found?.find((f) => findingKey(org.id, f) === row.key);
  // No data to judge by (no finished link check) counts as not yet fixed.
  const passed = found !== null && still === undefined;
  const now = isoNow(ctx.now());
  return ctx.db.transaction().execute(async (trx) => {
    const actorId = actor.userId || null;
    if (passed) {
      await closeFinding(trx, row.id, now);
      await insertEvent(trx, row.id, 'recheck_passed', actorId, now);
    } else {
      if (still) await touchFinding(trx, row.id, still, now, 'open');
      else
        await trx
          .updateTable('monitor_findings')
          .set({ status: 'open', closed_at: null, updated_at: now })
          .where('id', '=', row.id)
          .execute();
      await insertEvent(trx, row.id, 'recheck_failed', actorId, now);
    }
    await audit(ctx, trx, actor, {
      orgId: row.org_id,
      action: 'monitoring.recheck',
      targetType: 'monitor_finding',
      targetId: row.id,
      before: { status: row.status },
      after: { status: passed ? 'closed' : 'open' },
    });
    return passed ? 'closed' : 'reopened';
  });
}
