import { loadCalendar } from '../calendar/calendar.service.js';
import { findOrgById } from '../orgs/orgs.repository.js';
import { scopeOf } from '../orgs/orgs.service.js';
import { audit } from '../platform/audit/audit.service.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/errors.js';
import { enqueueJob } from '../platform/jobs/jobs.service.js';
import { chinaDate, isoNow } from '../platform/time.js';
import type { VetoSummary } from './freshness.model.js';
import type { CrawlProgress } from './links/links.model.js';
import {
  findingsOf,
  latestRuns,
  type LinkCheckFindingRow,
  type LinkCheckRunRow,
} from './links/links.repository.js';
import { ORG_JOB as LINK_ORG_JOB } from './links/links.service.js';
import { runProgress } from './links/run-progress.js';
import { can, type MonitoringAction } from './monitoring.policy.js';
import { saveThresholds, thresholdsFor, type Thresholds } from './monitoring.settings.js';
import { orgFreshness } from './monitors.js';
import { activeCounts, latestScans, type ScanRow } from './scan.repository.js';

/** Read models and requests of the monitoring pages (overview, link runs, thresholds). */

/** The job that scans one org on request (「立即检查」). */
export const SCAN_ORG_JOB = 'monitoring.scan.org';

async function assertMonitoring(
  ctx: AppContext,
  actor: Actor,
  action: MonitoringAction,
  orgId: number,
): Promise<void> {
  if (!can(actor, action, await scopeOf(ctx.db, orgId)))
    throw new ForbiddenError('ERR_MONITORING_FORBIDDEN', '您没有执行此操作的权限。');
}

/** What the actor may do on the monitoring pages of an org. */
export interface MonitoringPermissions {
  scan: boolean;
  configure: boolean;
  editRegister: boolean;
}

async function permissions(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
): Promise<MonitoringPermissions> {
  const scope = await scopeOf(ctx.db, orgId);
  return {
    scan: can(actor, 'scan', scope),
    configure: can(actor, 'configure', scope),
    editRegister: can(actor, 'edit_register', scope),
  };
}

/** The overview: the 单项否决 summary now, counts of active findings, the latest scans. */
export interface Overview {
  summary: VetoSummary;
  thresholds: Thresholds;
  lastPortal: string | null;
  counts: Array<{ kind: string; severity: string; n: number }>;
  scans: ScanRow[];
  queued: boolean;
  may: MonitoringPermissions;
}

export async function monitoringOverview(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
): Promise<Overview> {
  await assertMonitoring(ctx, actor, 'read', orgId);
  const org = await findOrgById(ctx.db, orgId);
  if (!org) throw new NotFoundError('ERR_ORG_NOT_FOUND', '该单位不存在。');
  const t = await thresholdsFor(ctx.db, orgId);
  const env = { today: chinaDate(ctx.now()), t, cal: await loadCalendar(ctx) };
  const { summary, lastPortal } = await orgFreshness(ctx, org, env);
  const pending = await ctx.db
    .selectFrom('jobs')
    .select('id')
    .where('name', '=', SCAN_ORG_JOB)
    .where('status', 'in', ['queued', 'running'])
    .where('payload', 'like', `%"orgId":${orgId}}%`)
    .executeTakeFirst();
  return {
    summary,
    thresholds: t,
    lastPortal,
    counts: await activeCounts(ctx.db, orgId),
    scans: await latestScans(ctx.db, orgId, 5),
    queued: pending !== undefined,
    may: await permissions(ctx, actor, orgId),
  };
}

/** A key that lets a second click in the same minute join the first request. */
const minuteKey = (ctx: AppContext) => isoNow(ctx.now()).slice(0, 16);

/** 「立即检查」: queues a scan of the org for the worker (org_admin). */
export async function requestScan(ctx: AppContext, actor: Actor, orgId: number): Promise<void> {
  await assertMonitoring(ctx, actor, 'scan', orgId);
  await enqueueJob(
    ctx,
    ctx.db,
    SCAN_ORG_JOB,
    { orgId },
    { uniqueKey: `${SCAN_ORG_JOB}:${orgId}:${minuteKey(ctx)}`, maxAttempts: 1 },
  );
}

/** A link-check run with its live progress when it is crawled in this process. */
export interface LinkRunView {
  run: LinkCheckRunRow;
  progress: CrawlProgress | null;
}

/** The org's link-check runs, newest first. */
export async function linkRuns(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
): Promise<{ runs: LinkRunView[]; may: MonitoringPermissions; publicUrl: boolean }> {
  await assertMonitoring(ctx, actor, 'read', orgId);
  const runs = await latestRuns(ctx.db, orgId, 20);
  return {
    runs: runs.map((run) => ({
      run,
      progress: run.status === 'running' ? runProgress(run.id) : null,
    })),
    may: await permissions(ctx, actor, orgId),
    publicUrl: Boolean(ctx.config.publicUrl),
  };
}

/** One run of the org with its broken links (home page first). */
export async function linkRunDetail(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  runId: number,
): Promise<{ run: LinkRunView; broken: LinkCheckFindingRow[] }> {
  await assertMonitoring(ctx, actor, 'read', orgId);
  const run = await ctx.db
    .selectFrom('link_check_runs')
    .selectAll()
    .where('id', '=', runId)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  if (!run) throw new NotFoundError('ERR_LINK_RUN_NOT_FOUND', '该链接检查记录不存在。');
  return {
    run: { run, progress: run.status === 'running' ? runProgress(run.id) : null },
    broken: await findingsOf(ctx.db, runId),
  };
}

/** Starts a link check of the org's portal (queued for the worker); needs PUBLIC_URL. */
export async function requestLinkCheck(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
): Promise<void> {
  await assertMonitoring(ctx, actor, 'scan', orgId);
  if (!ctx.config.publicUrl)
    throw new ConflictError(
      'ERR_PUBLIC_URL_MISSING',
      '未配置门户网站地址（PUBLIC_URL），无法检查链接。请联系平台管理员。',
    );
  await enqueueJob(
    ctx,
    ctx.db,
    LINK_ORG_JOB,
    { orgId },
    { uniqueKey: `${LINK_ORG_JOB}:${orgId}:manual:${minuteKey(ctx)}`, maxAttempts: 1 },
  );
}

/** The thresholds in force for the org, and whether the actor may change them. */
export async function thresholdsView(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
): Promise<{ values: Thresholds; may: MonitoringPermissions }> {
  await assertMonitoring(ctx, actor, 'read', orgId);
  return { values: await thresholdsFor(ctx.db, orgId), may: await permissions(ctx, actor, orgId) };
}

/** Stores the org's thresholds (validated by the caller), audited. */
export async function updateThresholds(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  values: Thresholds,
): Promise<void> {
  await assertMonitoring(ctx, actor, 'configure', orgId);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await saveThresholds(trx, orgId, values);
    await audit(ctx, trx, actor, {
      orgId,
      action: 'monitoring.thresholds',
      targetType: 'settings',
      targetId: 'monitoring.thresholds',
      before: { ...before },
      after: { ...values },
    });
  });
}

/** One org's findings as `gongkai check site` prints them. */
export interface OrgFindingsSummary {
  code: string;
  name: string;
  vetoed: boolean;
  veto_checks: Array<{
    id: string;
    label: string;
    count: number;
    threshold: number;
    triggered: boolean;
  }>;
  active: number;
  by_kind: Record<string, number>;
  by_severity: Record<string, number>;
  findings: Array<{
    id: number;
    kind: string;
    severity: string;
    status: string;
    title: string;
    due_on: string | null;
  }>;
}

/**
 * The 单项否决 summary and the active (open or fixed) findings of an org, for the CLI. An org
 * is `vetoed` when a veto check is triggered or an active finding has severity veto.
 */
export async function orgFindingsSummary(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
): Promise<OrgFindingsSummary> {
  const overview = await monitoringOverview(ctx, actor, orgId);
  const org = await findOrgById(ctx.db, orgId);
  if (!org) throw new NotFoundError('ERR_ORG_NOT_FOUND', '该单位不存在。');
  const rows = await ctx.db
    .selectFrom('monitor_findings')
    .select(['id', 'kind', 'severity', 'status', 'title', 'due_on'])
    .where('org_id', '=', orgId)
    .where('status', 'in', ['open', 'fixed'])
    .orderBy('id')
    .execute();
  const count = (key: 'kind' | 'severity') =>
    rows.reduce<Record<string, number>>((acc, r) => {
      acc[r[key]] = (acc[r[key]] ?? 0) + 1;
      return acc;
    }, {});
  return {
    code: org.code,
    name: org.name,
    vetoed: overview.summary.vetoed || rows.some((r) => r.severity === 'veto'),
    veto_checks: overview.summary.checks,
    active: rows.length,
    by_kind: count('kind'),
    by_severity: count('severity'),
    findings: rows,
  };
}
