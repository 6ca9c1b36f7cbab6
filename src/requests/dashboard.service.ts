import { addWorkingDays } from '../calendar/calendar.model.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { chinaDate, isoNow } from '../platform/time.js';
import { OPEN_STATUSES } from './applications.model.js';
import { listCases, type CaseListItem } from './applications.query.js';
import { refreshClock } from './casework.service.js';
import { MONTHLY_WARNING_THRESHOLD } from './volume.model.js';
import { maskPersonal } from './applications.privacy.js';
import { applicantOf } from './applications.rows.js';
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

async function counts(ctx: AppContext, orgId: number, column: 'status' | 'outcome') {
  const rows = await ctx.db
    .selectFrom('applications')
    .select([column, (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where(column, 'is not', null)
    .groupBy(column)
    .execute();
  return rows.map((r) => ({ key: String(r[column]), n: Number(r.n) }));
}

/** The dashboard of an org as of today (China time). */
export async function dashboard(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
): Promise<Dashboard> {
  const { org } = await orgFor(ctx, actor, orgCode, 'read');
  const today = chinaDate(ctx.now());
  const month = today.slice(0, 7);
  const rows = await ctx.db
    .selectFrom('applications')
    .selectAll()
    .where('org_id', '=', org.id)
    .where((eb) =>
      eb.or([
        eb('received_on', 'like', `${month}%`),
        eb.and([eb('received_on', 'is', null), eb('submitted_on', 'like', `${month}%`)]),
      ]),
    )
    .execute();
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = r.applicant_id_hash ?? r.applicant_contact_hash ?? `row:${r.id}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const frequent = [...groups.values()]
    .filter((g) => g.length > MONTHLY_WARNING_THRESHOLD)
    .map((g) => {
      const first = g[0];
      const a = first ? applicantOf(ctx, first) : null;
      const name = a ? maskPersonal({ ...a }, a.type === 'natural_person').name : '';
      return { name: name ?? '', count: g.length, month };
    });
  const reminders = await ctx.db
    .selectFrom('request_reminders')
    .innerJoin('applications', 'applications.id', 'request_reminders.application_id')
    .select(['applications.ref', 'request_reminders.kind', 'request_reminders.due_on'])
    .where('request_reminders.org_id', '=', org.id)
    .where('request_reminders.for_date', '=', today)
    .where('applications.status', 'in', [...OPEN_STATUSES])
    .orderBy('request_reminders.due_on')
    .execute();
  return {
    org,
    today,
    mine: (await listCases(ctx, actor, org.code, { status: 'open', assignedTo: actor.userId }))
      .items,
    dueSoon: (
      await listCases(ctx, actor, org.code, { dueWithin: REMINDER_WORKING_DAYS })
    ).items.filter((i) => !i.overdue),
    overdue: (await listCases(ctx, actor, org.code, { overdue: true })).items,
    paused: (await listCases(ctx, actor, org.code, { paused: true })).items,
    byStatus: await counts(ctx, org.id, 'status'),
    byOutcome: await counts(ctx, org.id, 'outcome'),
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
