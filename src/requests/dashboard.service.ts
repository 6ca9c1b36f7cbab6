import { addWorkingDays } from '../calendar/calendar.model.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import type { Actor } from '../platform/authz.js';
import { prepared } from '../platform/db/prepared.js';
import type { AppContext } from '../platform/context.js';
import { chinaDate, isoNow } from '../platform/time.js';
import { OPEN_STATUSES } from './applications.model.js';
import {
  firstCasePages,
  maskedNameOf,
  PAUSED_STATUSES,
  type CaseListItem,
} from './applications.query.js';
import { maxApplicationId, statusCountRows, type ListFilter } from './requests.repository.js';
import { refreshClock } from './casework.service.js';
import { MONTHLY_WARNING_THRESHOLD } from './volume.model.js';
import { orgFor } from './requests.service.js';
import { mailEnabled } from '../platform/mail/mail.js';
import { queueReminderMail } from './requests.mail.js';

/**
 * The case workers' dashboard of an org (issue 4, REGULATIONS.md §4.8): my cases, 即将逾期 (due
 * within N working days), 逾期, 暂停, counts by status and outcome, the 大量、频繁 warning per
 * applicant (条例第三十五条, above 10 in a month) and the in-app reminders of the daily job.
 */

/** Reminders are recorded this many working days before the reply is due (configurable). */
export const REMINDER_WORKING_DAYS = 3;

export interface Dashboard {
  org: { code: string; name: string };
  today: string;
  mine: CaseListItem[];
  dueSoon: CaseListItem[];
  overdue: CaseListItem[];
  paused: CaseListItem[];
  byStatus: Array<{ key: string; n: number }>;
  byOutcome: Array<{ key: string; n: number }>;
  /** Applicants above the monthly threshold this month, masked. */
  frequent: Array<{ name: string; count: number; month: string }>;
  reminders: Array<{ ref: string; kind: string; due_on: string }>;
}

type Count = { key: string; n: number };
const byKey = (a: Count, b: Count) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

async function outcomeCounts(ctx: AppContext, orgId: number): Promise<Count[]> {
  const rows = await ctx.db
    .selectFrom('applications')
    .modifyFront(prepared())
    .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('outcome', 'is not', null)
    .groupBy('outcome')
    .execute();
  return rows.map((r) => ({ key: String(r.outcome), n: Number(r.n) }));
}

/**
 * How long this process reuses an org's counts of closed cases and of outcomes while nothing
 * shows a change (see `caseCounts`).
 */
export const CLOSED_COUNTS_MAX_AGE_MS = 60_000;

interface ClosedCounts {
  /** The new-application mark and the open counts the entry was read under. */
  sig: string;
  at: number;
  closed: Count[];
  byOutcome: Count[];
}

/** Per database (tests open several in one process), per org. */
const closedCountsCache = new WeakMap<object, Map<number, ClosedCounts>>();

/**
 * The org's counts by status and by outcome. Counting every case of an org is an index-only scan
 * of all of them (100,000 in bench-001: about 5 to 20 ms each on SQLite), too slow for each view
 * of the dashboard. So the counts of the open statuses are read every time (partial index, a few
 * rows), and those of the closed statuses and of the outcomes are reused while the highest
 * application id and the open counts are unchanged: a case that arrives, concludes, is withdrawn
 * or reopens changes one of them. A change between closed statuses or of a closed case's outcome
 * shows within CLOSED_COUNTS_MAX_AGE_MS.
 */
async function caseCounts(
  ctx: AppContext,
  orgId: number,
): Promise<{ byStatus: Count[]; byOutcome: Count[] }> {
  const [open, top] = await Promise.all([
    statusCountRows(ctx.db, orgId, 'open'),
    maxApplicationId(ctx.db),
  ]);
  const sig = JSON.stringify([top, [...open].sort(byKey)]);
  let byOrg = closedCountsCache.get(ctx.db);
  if (!byOrg) closedCountsCache.set(ctx.db, (byOrg = new Map()));
  let entry = byOrg.get(orgId);
  if (!entry || entry.sig !== sig || performance.now() - entry.at > CLOSED_COUNTS_MAX_AGE_MS) {
    const [closed, byOutcome] = await Promise.all([
      statusCountRows(ctx.db, orgId, 'closed'),
      outcomeCounts(ctx, orgId),
    ]);
    entry = { sig, at: performance.now(), closed, byOutcome };
    byOrg.set(orgId, entry);
  }
  return {
    byStatus: [...open, ...entry.closed].sort(byKey),
    byOutcome: [...entry.byOutcome].sort(byKey),
  };
}

/**
 * Applicants of the org above MONTHLY_WARNING_THRESHOLD applications in `month` (by 收到申请之日,
 * the submission date while unconfirmed), grouped by the ID hash, else the name + phone hash;
 * counted in SQL from `applications_org_received_idx`, and only one name per applicant decrypted.
 */
async function frequentApplicants(
  ctx: AppContext,
  orgId: number,
  month: string,
): Promise<Dashboard['frequent']> {
  const first = `${month}-01`;
  const last = `${month}-31`;
  const groups = await ctx.db
    .selectFrom('applications')
    .modifyFront(prepared())
    .select((eb) => [eb.fn.min<number>('id').as('first_id'), eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where((eb) =>
      eb.or([
        eb.and([eb('received_on', '>=', first), eb('received_on', '<=', last)]),
        eb.and([
          eb('received_on', 'is', null),
          eb('submitted_on', '>=', first),
          eb('submitted_on', '<=', last),
        ]),
      ]),
    )
    .where((eb) => eb.fn.coalesce('applicant_id_hash', 'applicant_contact_hash'), 'is not', null)
    .groupBy((eb) => eb.fn.coalesce('applicant_id_hash', 'applicant_contact_hash'))
    .having((eb) => eb.fn.countAll(), '>', MONTHLY_WARNING_THRESHOLD)
    .orderBy('first_id')
    .execute();
  if (groups.length === 0) return [];
  const names = await ctx.db
    .selectFrom('applications')
    .select(['id', 'applicant_name', 'applicant_type'])
    .where(
      'id',
      'in',
      groups.map((g) => Number(g.first_id)),
    )
    .execute();
  const byId = new Map(names.map((r) => [Number(r.id), r]));
  return groups.map((g) => {
    const r = byId.get(Number(g.first_id));
    return { name: r ? maskedNameOf(ctx, r) : '', count: Number(g.n), month };
  });
}

/**
 * The dashboard of an org as of today (China time). Each list is one page of the case list read
 * in index order (migration 20261128_0900), each count an index-only scan; the org is authorised
 * and the calendar loaded once.
 */
export async function dashboard(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
): Promise<Dashboard> {
  const { org } = await orgFor(ctx, actor, orgCode, 'read');
  const today = chinaDate(ctx.now());
  const dueLimit = addWorkingDays(await loadCalendar(ctx), today, REMINDER_WORKING_DAYS).date;
  const reminderRows = ctx.db
    .selectFrom('request_reminders')
    .modifyFront(prepared())
    .innerJoin('applications', 'applications.id', 'request_reminders.application_id')
    .select(['applications.ref', 'request_reminders.kind', 'request_reminders.due_on'])
    .where('request_reminders.org_id', '=', org.id)
    .where('request_reminders.for_date', '=', today)
    .where('applications.status', 'in', [...OPEN_STATUSES])
    .orderBy('request_reminders.due_on')
    .execute();
  const lists: ListFilter[] = [
    { statuses: OPEN_STATUSES, assignedTo: actor.userId },
    // Not yet overdue: due from today to REMINDER_WORKING_DAYS working days ahead.
    { statuses: OPEN_STATUSES, dueOnOrAfter: today, dueOnOrBefore: dueLimit },
    { statuses: OPEN_STATUSES, dueBefore: today },
    { statuses: PAUSED_STATUSES },
  ];
  const [[mine = [], dueSoon = [], overdue = [], paused = []], counts, frequent, reminders] =
    await Promise.all([
      firstCasePages(ctx, org.id, lists, today),
      caseCounts(ctx, org.id),
      frequentApplicants(ctx, org.id, today.slice(0, 7)),
      reminderRows,
    ]);
  return {
    org,
    today,
    mine,
    dueSoon,
    overdue,
    paused,
    ...counts,
    frequent,
    reminders,
  };
}

/** Job `requests.refresh_clocks`: recomputes the cached clock of every open case. */
export async function refreshOpenClocks(ctx: AppContext): Promise<number> {
  const open = await ctx.db
    .selectFrom('applications')
    .select('id')
    .where('status', 'in', [...OPEN_STATUSES])
    .where('received_on', 'is not', null)
    .execute();
  for (const r of open) await refreshClock(ctx, r.id);
  return open.length;
}

/**
 * Job `requests.reminders`: records an in-app reminder for each open case due within `withinDays`
 * working days (due_soon) or past due (overdue), once per case, kind and day (idempotent).
 */
export async function recordReminders(
  ctx: AppContext,
  withinDays = REMINDER_WORKING_DAYS,
): Promise<number> {
  const today = chinaDate(ctx.now());
  const limit = addWorkingDays(await loadCalendar(ctx), today, withinDays).date;
  const rows = await ctx.db
    .selectFrom('applications')
    .select(['id', 'org_id', 'ref', 'reply_due_on', 'assigned_to'])
    .where('status', 'in', [...OPEN_STATUSES])
    .where('reply_due_on', 'is not', null)
    .where('reply_due_on', '<=', limit)
    .execute();
  let n = 0;
  for (const r of rows) {
    const due = r.reply_due_on ?? today;
    const kind = due < today ? 'overdue' : 'due_soon';
    const exists = await ctx.db
      .selectFrom('request_reminders')
      .select('id')
      .where('application_id', '=', r.id)
      .where('kind', '=', kind)
      .where('for_date', '=', today)
      .executeTakeFirst();
    if (exists) continue;
    await ctx.db
      .insertInto('request_reminders')
      .values({
        org_id: r.org_id,
        application_id: r.id,
        kind,
        due_on: due,
        for_date: today,
        assigned_to: r.assigned_to,
        created_at: isoNow(ctx.now()),
      })
      .execute();
    if (mailEnabled(ctx)) {
      for (const to of await reminderRecipients(ctx, r.org_id, r.assigned_to)) {
        await queueReminderMail(ctx, ctx.db, {
          applicationId: r.id,
          ref: r.ref,
          kind,
          dueOn: due,
          forDate: today,
          to: to.email,
          orgName: to.orgName,
        });
      }
    }
    n++;
  }
  return n;
}

/**
 * Who is e-mailed a reminder: the assigned case worker, or, for an unassigned case, every case
 * worker of the org; only enabled users with an e-mail address.
 */
async function reminderRecipients(
  ctx: AppContext,
  orgId: number,
  assignedTo: number | null,
): Promise<Array<{ email: string; orgName: string }>> {
  let q = ctx.db
    .selectFrom('users')
    .innerJoin('orgs', (j) => j.on('orgs.id', '=', orgId))
    .select(['users.email', 'orgs.name as orgName'])
    .where('users.disabled', '=', 0)
    .where('users.email', 'is not', null);
  q =
    assignedTo !== null
      ? q.where('users.id', '=', assignedTo)
      : q.where('users.id', 'in', (sub) =>
          sub
            .selectFrom('user_roles')
            .select('user_id')
            .where('org_id', '=', orgId)
            .where('role', '=', 'case_worker'),
        );
  const rows = await q.execute();
  return rows.flatMap((r) => (r.email ? [{ email: r.email, orgName: r.orgName }] : []));
}
