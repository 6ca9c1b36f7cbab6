import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { chinaDate } from '../platform/time.js';
import { scopeOf } from '../orgs/orgs.service.js';
import { publicationDeadline, type IsoDate, type OrgKind } from './reports.model.js';
import { can } from './reports.policy.js';
import { latestReports } from './reports.repository.js';
import { daysBetween, STATE_LABELS, type ReportState } from './reports.service.js';

/**
 * The countdown on the back-office home (issue 5): for each org where the actor may edit reports,
 * the report now due — the previous calendar year's, due 1月31日 (3月31日 for a government,
 * 条例第四十九条) — its state and the days left.
 */
export interface ReportDeadline {
  orgCode: string;
  orgName: string;
  year: number;
  deadline: IsoDate;
  daysLeft: number;
  state: ReportState | 'not_started';
  stateLabel: string;
  /** Not published and the deadline has passed. */
  late: boolean;
}

/** The report year due on `today`: always the previous calendar year's (pure). */
export const dueReportYear = (today: IsoDate): number => Number(today.slice(0, 4)) - 1;

/** At most this many orgs are listed (a platform administrator sees the supervision page). */
export const DASHBOARD_DEADLINE_LIMIT = 20;

export async function reportDeadlines(ctx: AppContext, actor: Actor): Promise<ReportDeadline[]> {
  const orgIds = [...new Set(actor.grants.map((g) => g.orgId))];
  if (orgIds.length === 0) return [];
  const orgs = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'kind'])
    .where('id', 'in', orgIds)
    .orderBy('code')
    .execute();
  const editable = [];
  for (const o of orgs) {
    if (can(actor, 'edit', await scopeOf(ctx.db, o.id))) editable.push(o);
    if (editable.length >= DASHBOARD_DEADLINE_LIMIT) break;
  }
  const today = chinaDate(ctx.now());
  const year = dueReportYear(today);
  const latest = new Map(
    (
      await latestReports(
        ctx.db,
        editable.map((o) => o.id),
        year,
      )
    ).map((r) => [r.org_id, r.state as ReportState]),
  );
  return editable.map((o) => {
    const deadline = publicationDeadline(o.kind as OrgKind, year);
    const state = latest.get(o.id) ?? 'not_started';
    const published = state === 'published' || state === 'amended';
    const daysLeft = daysBetween(today, deadline);
    return {
      orgCode: o.code,
      orgName: o.name,
      year,
      deadline,
      daysLeft,
      state,
      stateLabel: STATE_LABELS[state],
      late: !published && daysLeft < 0,
    };
  });
}
