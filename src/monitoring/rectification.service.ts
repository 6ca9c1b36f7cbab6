import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { audit } from '../platform/audit/audit.service.js';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../platform/errors.js';
import { chinaDate, isoNow } from '../platform/time.js';
import { parseInput } from '../platform/validation.js';
import { findOrgAndScope, findOrgById, type OrgRow } from '../orgs/orgs.repository.js';
import { scopeOf } from '../orgs/orgs.service.js';
import { listColumnRows } from '../catalogue/columns.repository.js';
import type { FindingAction, FindingStatus } from './monitor.contract.js';
import { can, type RectificationAction } from './rectification.policy.js';
import { ALLOWED_FROM, CONTENT_KINDS, isOverdue, parseDetail } from './rectification.model.js';
import * as repo from './rectification.repository.js';
import {
  assignSchema,
  commentSchema,
  findingFiltersSchema,
  fixSchema,
  ignoreSchema,
  type FindingFilters,
} from './rectification.schema.js';
import { recheckFinding } from './scan.service.js';
import { auditText, digestOf, displayOf, sealedText } from './finding-privacy.js';
import { addWhitelistEntry } from './whitelist.repository.js';
import type { Tx } from '../platform/db/database.js';

/**
 * Rectification (整改) use cases: the findings list, a finding's detail and history, assigning,
 * marking fixed (with an immediate re-check), ignoring a false positive, commenting, and the
 * signed-in user's own tasks. Permission checks here (rectification.policy.ts); every change is
 * audited in the same transaction as the change.
 */

export const PAGE_SIZE = 50;

/** The org of `code` if the actor may perform `action` there. */
export async function orgForMonitoring(
  ctx: AppContext,
  actor: Actor,
  code: string,
  action: RectificationAction,
): Promise<OrgRow> {
  const found = await findOrgAndScope(ctx.db, code);
  if (!found) throw new NotFoundError('ERR_ORG_NOT_FOUND', '该单位不存在。');
  if (!can(actor, action, found.scope))
    throw new ForbiddenError('ERR_MONITORING_FORBIDDEN', '您没有处理该单位监测与整改事项的权限。');
  return found.row;
}

/** A finding as pages show it. */
export interface FindingView {
  id: number;
  kind: string;
  severity: string;
  status: FindingStatus;
  title: string;
  subjectType: string;
  subjectId: string;
  columnId: number | null;
  columnName: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  dueOn: string | null;
  overdue: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  closedAt: string | null;
  org: { code: string; name: string };
}

async function present(ctx: AppContext, rows: repo.FindingRow[]): Promise<FindingView[]> {
  const today = chinaDate(ctx.now());
  const users = await repo.userNames(ctx.db, [
    ...new Set(rows.flatMap((r) => (r.assignee_id ? [r.assignee_id] : []))),
  ]);
  const columns = await repo.columnNames(ctx.db, [
    ...new Set(rows.flatMap((r) => (r.column_id ? [r.column_id] : []))),
  ]);
  const orgs = new Map<number, OrgRow | undefined>();
  for (const id of new Set(rows.map((r) => r.org_id))) orgs.set(id, await findOrgById(ctx.db, id));
  return rows.map((r) => {
    const org = orgs.get(r.org_id);
    return {
      id: r.id,
      kind: r.kind,
      severity: r.severity,
      status: r.status as FindingStatus,
      title: r.title,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      columnId: r.column_id,
      columnName: r.column_id ? (columns.get(r.column_id) ?? null) : null,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_id ? (users.get(r.assignee_id) ?? null) : null,
      dueOn: r.due_on,
      overdue: isOverdue(r, today),
      firstSeenAt: r.first_seen_at,
      lastSeenAt: r.last_seen_at,
      closedAt: r.closed_at,
      org: { code: org?.code ?? '', name: org?.name ?? '' },
    };
  });
}

export interface FindingsListView {
  org: OrgRow;
  filters: FindingFilters;
  findings: FindingView[];
  hasNext: boolean;
  users: Array<{ id: number; name: string }>;
  columns: Array<{ id: number; name: string }>;
  mayAssign: boolean;
}

/** The findings (tasks) of an org, filtered and paged; unknown filter values are a 400. */
export async function listOrgFindings(
  ctx: AppContext,
  actor: Actor,
  code: string,
  query: unknown,
): Promise<FindingsListView> {
  const org = await orgForMonitoring(ctx, actor, code, 'read');
  const filters = parseInput(findingFiltersSchema, query, '筛选条件不正确。');
  const assignee =
    filters.assignee === undefined
      ? undefined
      : filters.assignee === 'me'
        ? actor.userId
        : filters.assignee === 'none'
          ? null
          : Number(filters.assignee);
  const rows = await repo.listFindings(ctx.db, {
    orgIds: [org.id],
    kind: filters.kind,
    status: filters.status,
    severity: filters.severity,
    overdueBefore: filters.overdue ? chinaDate(ctx.now()) : undefined,
    assigneeId: assignee,
    columnId: filters.column,
    limit: PAGE_SIZE + 1,
    offset: (filters.page - 1) * PAGE_SIZE,
  });
  const scope = await scopeOf(ctx.db, org.id);
  return {
    org,
    filters,
    findings: await present(ctx, rows.slice(0, PAGE_SIZE)),
    hasNext: rows.length > PAGE_SIZE,
    users: (await repo.orgUsers(ctx.db, org.id)).map((u) => ({ id: u.id, name: u.display_name })),
    columns: (await listColumnRows(ctx.db, org.id)).map((c) => ({ id: c.id, name: c.name })),
    mayAssign: can(actor, 'assign', scope),
  };
}

export interface FindingDetailView {
  finding: FindingView;
  detail: Record<string, unknown>;
  events: Array<{
    at: string;
    action: FindingAction;
    actorName: string | null;
    note: string | null;
  }>;
  users: Array<{ id: number; name: string }>;
  may: { assign: boolean; fix: boolean; ignore: boolean; comment: boolean };
}

async function loadFinding(ctx: AppContext, org: OrgRow, id: number): Promise<repo.FindingRow> {
  const row = Number.isInteger(id) && id > 0 ? await repo.findFinding(ctx.db, id) : undefined;
  if (!row || row.org_id !== org.id)
    throw new NotFoundError('ERR_FINDING_NOT_FOUND', '该问题（整改任务）不存在。');
  return row;
}

/** One finding with its facts, history and the actions the actor may take. */
export async function findingDetail(
  ctx: AppContext,
  actor: Actor,
  code: string,
  id: number,
): Promise<FindingDetailView> {
  const org = await orgForMonitoring(ctx, actor, code, 'read');
  const row = await loadFinding(ctx, org, id);
  const [finding] = await present(ctx, [row]);
  if (!finding) throw new NotFoundError('ERR_FINDING_NOT_FOUND', '该问题（整改任务）不存在。');
  const events = await repo.findingEvents(ctx.db, row.id);
  const names = await repo.userNames(ctx.db, [
    ...new Set(events.flatMap((e) => (e.actor_id ? [e.actor_id] : []))),
  ]);
  const scope = await scopeOf(ctx.db, org.id);
  const status = row.status as FindingStatus;
  return {
    finding,
    detail: parseDetail(row.detail),
    events: events.map((e) => ({
      at: e.at,
      action: e.action as FindingAction,
      actorName: e.actor_id ? (names.get(e.actor_id) ?? null) : null,
      note: e.note,
    })),
    users: (await repo.orgUsers(ctx.db, org.id)).map((u) => ({ id: u.id, name: u.display_name })),
    may: {
      assign: can(actor, 'assign', scope) && ALLOWED_FROM.assign.includes(status),
      fix: can(actor, 'fix', scope, row.assignee_id) && ALLOWED_FROM.fix.includes(status),
      ignore: can(actor, 'ignore', scope) && ALLOWED_FROM.ignore.includes(status),
      comment: can(actor, 'comment', scope),
    },
  };
}

/** Loads the finding for a change: permission for `action`, then the state rule. */
async function forChange(
  ctx: AppContext,
  actor: Actor,
  code: string,
  id: number,
  action: 'assign' | 'fix' | 'ignore' | 'comment',
): Promise<{ org: OrgRow; row: repo.FindingRow }> {
  const org = await orgForMonitoring(ctx, actor, code, 'read');
  const row = await loadFinding(ctx, org, id);
  if (!can(actor, action, await scopeOf(ctx.db, org.id), row.assignee_id))
    throw new ForbiddenError('ERR_MONITORING_FORBIDDEN', '您没有对该整改任务执行此操作的权限。');
  if (action !== 'comment' && !ALLOWED_FROM[action].includes(row.status as FindingStatus))
    throw new ConflictError('ERR_FINDING_STATE', '该整改任务当前的状态不允许此操作。');
  return { org, row };
}

/** Writes the change, its history event and its audit entry in one transaction. */
async function change(
  ctx: AppContext,
  actor: Actor,
  org: OrgRow,
  row: repo.FindingRow,
  values: Partial<repo.FindingRow>,
  event: { action: FindingAction; note: string | null },
  auditAction: string,
  also?: (trx: Tx) => Promise<void>,
): Promise<void> {
  const at = isoNow(ctx.now());
  await ctx.db.transaction().execute(async (trx) => {
    if (also) await also(trx);
    if (Object.keys(values).length)
      await repo.updateFinding(trx, row.id, { ...values, updated_at: at });
    await repo.insertEvent(trx, { findingId: row.id, at, actorId: actor.userId || null, ...event });
    const before = Object.fromEntries(
      Object.keys(values).map((k) => [k, row[k as keyof repo.FindingRow]]),
    );
    await audit(ctx, trx, actor, {
      orgId: org.id,
      action: auditAction,
      targetType: 'monitor_finding',
      targetId: row.id,
      before,
      after: { ...values, ...(event.note ? { note: event.note } : {}) },
    });
  });
}

/** Assigns the task to a user of the org with a due date (today or later). */
export async function assignFinding(
  ctx: AppContext,
  actor: Actor,
  code: string,
  id: number,
  form: unknown,
): Promise<void> {
  const { org, row } = await forChange(ctx, actor, code, id, 'assign');
  const input = parseInput(assignSchema, form);
  if (!(await repo.orgUsers(ctx.db, org.id)).some((u) => u.id === input.assignee_id))
    throw new ValidationError(
      { assignee_id: '承办人须为本单位的用户' },
      undefined,
      'ERR_ASSIGNEE_NOT_IN_ORG',
    );
  if (input.due_on < chinaDate(ctx.now()))
    throw new ValidationError({ due_on: '整改期限不能早于今天' });
  const names = await repo.userNames(ctx.db, [input.assignee_id]);
  const note = `承办人：${names.get(input.assignee_id) ?? input.assignee_id}；整改期限：${input.due_on}${input.note ? `；${input.note}` : ''}`;
  await change(
    ctx,
    actor,
    org,
    row,
    { assignee_id: input.assignee_id, due_on: input.due_on },
    { action: 'assigned', note },
    'monitoring.finding.assign',
  );
}

/**
 * Marks the task fixed (status fixed, event marked_fixed), then re-checks it at once: the monitor
 * closes it (recheck_passed) or reopens it (recheck_failed). Returns which.
 */
export async function markFindingFixed(
  ctx: AppContext,
  actor: Actor,
  code: string,
  id: number,
  form: unknown,
): Promise<'closed' | 'reopened' | 'pending'> {
  const { org, row } = await forChange(ctx, actor, code, id, 'fix');
  const input = parseInput(fixSchema, form);
  await change(
    ctx,
    actor,
    org,
    row,
    { status: 'fixed' },
    { action: 'marked_fixed', note: input.note },
    'monitoring.finding.mark_fixed',
  );
  let outcome: 'closed' | 'reopened';
  try {
    outcome = await recheckFinding(ctx, actor, row.id);
  } catch (err) {
    // The monitor cannot judge now: the task stays `fixed`, and the next scan settles it.
    if (err instanceof AppError) return 'pending';
    throw err;
  }
  await settleRecheck(ctx, actor, org, row.id, outcome);
  return outcome;
}

/**
 * Makes sure the re-check's outcome is stored whatever the monitor recorded itself: the status
 * (closed or open) and one recheck_passed / recheck_failed event after the marked_fixed one.
 */
async function settleRecheck(
  ctx: AppContext,
  actor: Actor,
  org: OrgRow,
  id: number,
  outcome: 'closed' | 'reopened',
): Promise<void> {
  const row = await repo.findFinding(ctx.db, id);
  if (!row) return;
  const events = await repo.findingEvents(ctx.db, id);
  const lastFixed = events.map((e) => e.action).lastIndexOf('marked_fixed');
  const recorded = events
    .slice(lastFixed + 1)
    .some((e) => e.action === 'recheck_passed' || e.action === 'recheck_failed');
  const status = outcome === 'closed' ? 'closed' : 'open';
  if (recorded && row.status === status) return;
  const at = isoNow(ctx.now());
  await change(
    ctx,
    actor,
    org,
    row,
    row.status === status ? {} : { status, closed_at: outcome === 'closed' ? at : null },
    recorded
      ? { action: 'comment', note: '复核结果已同步' }
      : { action: outcome === 'closed' ? 'recheck_passed' : 'recheck_failed', note: null },
    `monitoring.finding.${outcome === 'closed' ? 'recheck_passed' : 'recheck_failed'}`,
  );
}

/**
 * The whitelist entry 「忽略」 adds for a content finding: its text under its rule, or for
 * personal data the sealed digest + masked form; null when there is nothing safe to add.
 */
function whitelistCandidate(
  kind: string,
  detail: Record<string, unknown>,
): { text: string; rule: string | null } | null {
  if (!CONTENT_KINDS.includes(kind as (typeof CONTENT_KINDS)[number])) return null;
  if (typeof detail.text !== 'string' || detail.text === '') return null;
  const rule = typeof detail.rule === 'string' ? detail.rule : null;
  if (kind !== 'content_personal_data') return { text: detail.text, rule };
  const digest = typeof detail.digest === 'string' ? digestOf(detail.digest) : null;
  return digest ? { text: sealedText(digest, detail.text), rule } : null;
}

/**
 * Ignores a false positive with a required reason (§7.4 "忽略"). A content finding's text joins
 * the org's whitelist; personal data as its sealed form (digest + masked, finding-privacy.ts),
 * never in clear — a finding stored without a digest is ignored without whitelisting.
 */
export async function ignoreFinding(
  ctx: AppContext,
  actor: Actor,
  code: string,
  id: number,
  form: unknown,
): Promise<void> {
  const { org, row } = await forChange(ctx, actor, code, id, 'ignore');
  const input = parseInput(ignoreSchema, form);
  const falsePositive = whitelistCandidate(row.kind, parseDetail(row.detail));
  const text = falsePositive ? `（误报文字：${displayOf(falsePositive.text)}）` : '';
  // A false positive of the content checks joins the org's whitelist (§7.4), in the same
  // transaction as the status change, so the rescan and the pre-publication gate skip it.
  const addToWhitelist = falsePositive
    ? async (trx: Tx) => {
        const r = await addWhitelistEntry(trx, {
          org_id: org.id,
          text: falsePositive.text,
          rule: falsePositive.rule,
          reason: input.reason,
          created_by: actor.userId || null,
          created_at: isoNow(ctx.now()),
        });
        if (r.added)
          await audit(ctx, trx, actor, {
            orgId: org.id,
            action: 'monitoring.whitelist.add',
            targetType: 'content_whitelist',
            targetId: r.id,
            after: {
              ...auditText(falsePositive.text),
              rule: falsePositive.rule,
              reason: input.reason,
              finding_id: row.id,
            },
          });
      }
    : undefined;
  await change(
    ctx,
    actor,
    org,
    row,
    { status: 'ignored', closed_at: isoNow(ctx.now()) },
    { action: 'ignored', note: `${input.reason}${text}` },
    'monitoring.finding.ignore',
    addToWhitelist,
  );
}

/** Adds a comment to the task's history. */
export async function commentFinding(
  ctx: AppContext,
  actor: Actor,
  code: string,
  id: number,
  form: unknown,
): Promise<void> {
  const { org, row } = await forChange(ctx, actor, code, id, 'comment');
  const input = parseInput(commentSchema, form);
  await change(
    ctx,
    actor,
    org,
    row,
    {},
    { action: 'comment', note: input.note },
    'monitoring.finding.comment',
  );
}

/** 我的整改任务: unfinished tasks assigned to the signed-in user, across orgs. */
export async function myTasks(ctx: AppContext, actor: Actor): Promise<FindingView[]> {
  const rows = await repo.listFindings(ctx.db, {
    assigneeId: actor.userId,
    unfinished: true,
    limit: 500,
    offset: 0,
  });
  return present(ctx, rows);
}

/** How many unfinished tasks the user has (the /admin dashboard count). */
export async function countMyTasks(ctx: AppContext, actor: Actor): Promise<number> {
  return repo.countUnfinishedAssigned(ctx.db, actor.userId);
}
