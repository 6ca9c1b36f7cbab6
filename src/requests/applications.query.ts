import { addWorkingDays } from '../calendar/calendar.model.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import type { Actor, OrgScope } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import { ForbiddenError, NotFoundError } from '../platform/errors.js';
import { chinaDate } from '../platform/time.js';
import type { RequestClock } from './clock.model.js';
import {
  OPEN_STATUSES,
  type ApplicationStatus,
  type StoredApplication,
} from './applications.model.js';
import { maskName, maskPersonal, unseal, type PersonalFields } from './applications.privacy.js';
import { clockOf, loadStored } from './applications.rows.js';
import { MONTHLY_WARNING_THRESHOLD, monthlyOrdinal } from './volume.model.js';
import { can } from './requests.policy.js';
import * as repo from './requests.repository.js';
import { orgFor } from './requests.service.js';

/**
 * Reads of applications for staff: the case list (masked) and the case page. Presenters decide
 * what is shown: personal data is masked unless the actor may see it and asked to; each unmasked
 * view is audited as `application.view_personal`.
 */

/** One line of the case list. */
export interface CaseListItem {
  ref: string;
  status: ApplicationStatus;
  applicantType: string;
  /** Masked (张*), or in full with the privacy permission and `unmasked`. */
  applicantName: string;
  channel: string;
  submitted_on: string;
  received_on: string | null;
  reply_due_on: string | null;
  correction_notice_due_on: string | null;
  paused_working_days: number;
  outcome: string | null;
  concluded_on: string | null;
  assigned_to: number | null;
  overdue: boolean;
}

/** Filters of the case list (REGULATIONS.md §4.8 dashboards: 即将逾期, 逾期, 暂停). */
export interface CaseListQuery {
  status?: ApplicationStatus | 'open';
  /** Open cases due within N working days from today. */
  dueWithin?: number;
  overdue?: boolean;
  paused?: boolean;
  assignedTo?: number | 'none';
  ref?: string;
  page?: number;
}

export const CASE_PAGE_SIZE = 50;

/** One page of the case list. */
export interface CasePage {
  items: CaseListItem[];
  hasNext: boolean;
  page: number;
}

/** One page of an org's cases, masked; `hasNext` when there are more. */
export async function listCases(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
  q: CaseListQuery = {},
): Promise<CasePage> {
  const { org, scope } = await orgFor(ctx, actor, orgCode, 'read');
  return listCasesIn(ctx, actor, org.id, scope, q);
}

/**
 * The case list of an org the caller has already loaded with its scope (the list page, which
 * also needs the scope for its 办理 buttons): the same policy check, without reading the org and
 * its ancestors again.
 */
export async function listCasesIn(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  scope: OrgScope,
  q: CaseListQuery = {},
): Promise<CasePage> {
  if (!can(actor, 'read', scope))
    throw new ForbiddenError(
      'ERR_APPLICATION_FORBIDDEN',
      '您没有办理该单位政府信息公开申请的权限。',
    );
  const today = chinaDate(ctx.now());
  return casePage(ctx, orgId, await listFilterOf(ctx, q, today), q.page ?? 1, today);
}

/** The repository filter of a case-list query (due dates in working days from `today`). */
async function listFilterOf(
  ctx: AppContext,
  q: CaseListQuery,
  today: string,
): Promise<repo.ListFilter> {
  const filter: repo.ListFilter = {};
  if (q.status === 'open') filter.statuses = OPEN_STATUSES;
  else if (q.status) filter.statuses = [q.status];
  if (q.paused) filter.statuses = PAUSED_STATUSES;
  if (q.dueWithin !== undefined || q.overdue) {
    filter.statuses = (filter.statuses ?? OPEN_STATUSES).filter((s) =>
      OPEN_STATUSES.includes(s as ApplicationStatus),
    );
  }
  if (q.dueWithin !== undefined) {
    filter.dueOnOrBefore = addWorkingDays(await loadCalendar(ctx), today, q.dueWithin).date;
  }
  if (q.overdue) filter.dueBefore = today;
  if (q.assignedTo !== undefined) filter.assignedTo = q.assignedTo;
  if (q.ref) filter.refPrefix = q.ref.toUpperCase();
  return filter;
}

/** The statuses of 暂停 (征求意见, 待缴费): the clock is stopped. */
export const PAUSED_STATUSES: readonly ApplicationStatus[] = [
  'paused_consultation',
  'awaiting_fee',
];

/**
 * Page `page` of the cases of an org the caller has already been authorised for, masked. Reads
 * one row more than the page to tell `hasNext` (no count of the org's cases), and decrypts only
 * the name of the rows shown (the only personal field of the list).
 */
export async function casePage(
  ctx: AppContext,
  orgId: number,
  filter: repo.ListFilter,
  page: number,
  today: string,
): Promise<CasePage> {
  const rows = await repo.listApplicationRows(
    ctx.db,
    orgId,
    filter,
    CASE_PAGE_SIZE + 1,
    (page - 1) * CASE_PAGE_SIZE,
  );
  return {
    items: rows.slice(0, CASE_PAGE_SIZE).map((r) => caseListItem(ctx, r, today)),
    hasNext: rows.length > CASE_PAGE_SIZE,
    page,
  };
}

/**
 * The first page of several case lists of one org (the dashboard), read in one statement; the
 * caller has already authorised the org.
 */
export async function firstCasePages(
  ctx: AppContext,
  orgId: number,
  filters: readonly repo.ListFilter[],
  today: string,
): Promise<CaseListItem[][]> {
  const lists = await repo.listApplicationRowsMany(ctx.db, orgId, filters, CASE_PAGE_SIZE);
  return lists.map((rows) => rows.map((r) => caseListItem(ctx, r, today)));
}

/** A row of the case list as the list shows it (the name masked, 逾期 worked out). */
function caseListItem(ctx: AppContext, r: repo.CaseListRow, today: string): CaseListItem {
  const open = OPEN_STATUSES.includes(r.status as ApplicationStatus);
  return {
    ref: r.ref,
    status: r.status as ApplicationStatus,
    applicantType: r.applicant_type,
    applicantName: maskedNameOf(ctx, r),
    channel: r.channel,
    submitted_on: r.submitted_on,
    received_on: r.received_on,
    reply_due_on: r.reply_due_on,
    correction_notice_due_on: r.correction_notice_due_on,
    paused_working_days: r.paused_working_days,
    outcome: r.outcome,
    concluded_on: r.concluded_on,
    assigned_to: r.assigned_to,
    overdue:
      r.reply_due_on !== null &&
      (open ? today > r.reply_due_on : (r.concluded_on ?? '') > r.reply_due_on),
  };
}

/** Masked names kept per field key set; bounded (oldest out first). */
const MASKED_NAMES_MAX = 50_000;
const maskedNames = new WeakMap<object, Map<string, string>>();

/**
 * The applicant's name as lists show it (张*; an organisation's name in full). Every list view
 * would otherwise verify and decrypt 50 names; the masked form (never the clear name) is kept
 * by its ciphertext, which is unique to the value (a fresh IV each time a name is sealed), so a
 * changed name has a new key.
 */
export function maskedNameOf(
  ctx: AppContext,
  r: Pick<repo.ApplicationRow, 'applicant_name' | 'applicant_type'>,
): string {
  const person = r.applicant_type === 'natural_person';
  const key = `${person ? 'p' : 'o'}${r.applicant_name}`;
  let cache = maskedNames.get(ctx.fieldKeys);
  if (!cache) maskedNames.set(ctx.fieldKeys, (cache = new Map()));
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const masked = maskName(unseal(ctx.fieldKeys, r.applicant_name) ?? '', person);
  if (cache.size >= MASKED_NAMES_MAX) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, masked);
  return masked;
}

/** 条例第三十五条: the applicant's count in the month and year of this application. */
export interface ApplicantVolumeView {
  month: string;
  inMonth: number;
  inYear: number;
  /** Position in the month and its 按件 fee (国办函〔2020〕109号). */
  ordinal: number | null;
  feeYuan: number | null;
  warning: string | null;
}

/** The case page: the application, its clock and explanation, notes, files and staff. */
export interface CaseView {
  orgCode: string;
  orgName: string;
  app: Omit<StoredApplication, 'applicant'> & {
    applicant: PersonalFields & { type: string; id_type: string | null };
  };
  /** True when the personal fields are shown in full (and the view was audited). */
  unmasked: boolean;
  canReveal: boolean;
  canHandle: boolean;
  canApprove: boolean;
  clock: RequestClock | null;
  volume: ApplicantVolumeView;
  notes: Array<{ id: number; body: string; created_at: string; author: string | null }>;
  files: Array<{ id: number; role: string; filename: string; media_type: string; size: number }>;
  staff: Array<{ id: number; display_name: string }>;
  /** Letters sent for the case (告知书), without content. */
  letters: Array<{ id: number; kind: string; title: string; sent_on: string | null }>;
}

/**
 * A case for the case page. Personal data is masked unless `reveal` is asked for and the actor
 * holds `view_personal` (case workers and org admins of the org); the unmasked view is audited.
 */
export async function getCase(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
  ref: string,
  opts: { reveal?: boolean } = {},
): Promise<CaseView> {
  const { org, scope } = await orgFor(ctx, actor, orgCode, 'read');
  const row = await repo.applicationByOrgRef(ctx.db, org.id, ref);
  if (!row) throw new NotFoundError('ERR_APPLICATION_NOT_FOUND', '该申请不存在。');
  const s = await loadStored(ctx, ctx.db, row);
  const canReveal = can(actor, 'view_personal', scope);
  const unmasked = opts.reveal === true && canReveal;
  if (unmasked) {
    await ctx.db.transaction().execute((trx) =>
      audit(ctx, trx, actor, {
        orgId: org.id,
        action: 'application.view_personal',
        targetType: 'application',
        targetId: ref,
      }),
    );
  }
  const natural = s.applicant.type === 'natural_person';
  const shown = unmasked ? s.applicant : { ...s.applicant, ...maskPersonal(s.applicant, natural) };
  const today = chinaDate(ctx.now());
  const cal = await loadCalendar(ctx);
  return {
    orgCode: org.code,
    orgName: org.name,
    app: { ...s, applicant: shown },
    unmasked,
    canReveal,
    canHandle: can(actor, 'handle', scope),
    canApprove: can(actor, 'approve', scope),
    clock: clockOf(cal, s, today),
    volume: await volumeOf(ctx, row),
    notes: await repo.noteRows(ctx.db, s.id),
    files: await repo.fileRows(ctx.db, s.id),
    staff: await repo.staffOfOrg(ctx.db, org.id, ['case_worker', 'org_admin']),
    letters: await repo.letterRows(ctx.db, s.id),
  };
}

/**
 * The applicant's volume at this org (条例第三十五条, REGULATIONS.md §4.6): matched by the keyed
 * hash of the ID number, else of name + phone; counted by 收到申请之日 (submission date while
 * unconfirmed). A warning above MONTHLY_WARNING_THRESHOLD (10) in the month.
 */
export async function volumeOf(
  ctx: AppContext,
  row: repo.ApplicationRow,
): Promise<ApplicantVolumeView> {
  const day = (r: { received_on: string | null; submitted_on: string }) =>
    r.received_on ?? r.submitted_on;
  const month = day(row).slice(0, 7);
  const rows = await repo.applicantRows(
    ctx.db,
    row.org_id,
    row.applicant_id_hash,
    row.applicant_contact_hash,
  );
  const inMonth = rows.filter((r) => day(r).startsWith(month)).length;
  const inYear = rows.filter((r) => day(r).startsWith(month.slice(0, 4))).length;
  const same = { name: 'applicant', id_number: 'same', phone: null };
  const records = rows.map((r) => ({ org: 'o', ref: r.ref, received_on: day(r), applicant: same }));
  const ord = rows.length > 0 ? monthlyOrdinal(records, { org: 'o', ref: row.ref }) : null;
  const [y, m] = month.split('-');
  return {
    month,
    inMonth,
    inYear,
    ordinal: ord?.n ?? null,
    feeYuan: ord?.fee_yuan ?? null,
    warning:
      inMonth > MONTHLY_WARNING_THRESHOLD
        ? `同一申请人${y}年${Number(m)}月已向本机关提出申请${inMonth}件，超过${MONTHLY_WARNING_THRESHOLD}件：第11件起可按件收取信息处理费（国办函〔2020〕109号）；数量、频次明显超过合理范围的，可以要求申请人说明理由（条例第三十五条）。`
        : null,
  };
}
