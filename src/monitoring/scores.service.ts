import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { chinaDayEndIso, chinaDayStartIso } from '../platform/audit/audit.model.js';
import { chinaDate } from '../platform/time.js';
import { ValidationError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { z } from 'zod';
import { addWorkingDays, type HolidayCalendar } from '../calendar/calendar.model.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { descendantIds, listOrgRowsByIds, type OrgRow } from '../orgs/orgs.repository.js';
import type { MonitorKind } from './monitor.contract.js';
import { isOverdue } from './rectification.model.js';
import * as findingsRepo from './rectification.repository.js';
import { dateSchema } from './rectification.schema.js';
import { orgForMonitoring } from './rectification.service.js';
import {
  computeScore,
  mergeRules,
  rankScores,
  type ScoreInputs,
  type ScoreResult,
  type ScoreRules,
} from './scores.model.js';
import * as repo from './scores.repository.js';
import { spotResultsInPeriod } from './spot-checks.repository.js';

/**
 * 绩效考核 per org and period (REGULATIONS.md §7.1): gathers the inputs from the records and
 * scores them with scores.model.ts under the configured rules (settings key
 * `monitoring.score_rules`, a partial ScoreRules; defaults in DEFAULT_SCORE_RULES).
 */
export const SETTING_SCORE_RULES = 'monitoring.score_rules';

/** 条例第二十六条: within 20 working days of 成文. */
const PUBLICATION_WORKING_DAYS = 20;

export interface Period {
  from: string;
  to: string;
}

const periodSchema = z
  .object({
    from: z.preprocess((v) => (v === '' ? undefined : v), dateSchema.optional()),
    to: z.preprocess((v) => (v === '' ? undefined : v), dateSchema.optional()),
  })
  .refine((p) => !p.from || !p.to || p.from <= p.to, {
    message: '截止日期不能早于起始日期',
    path: ['to'],
  });

/** The period of a query (`from`, `to`); default: 1 January of this year to today. */
export function parsePeriod(ctx: AppContext, query: unknown): Period {
  const today = chinaDate(ctx.now());
  const p = parseInput(periodSchema, query ?? {}, '考核期间不正确。');
  const from = p.from ?? `${today.slice(0, 4)}-01-01`;
  const to = p.to ?? (from > today ? from : today);
  if (from > to)
    throw new ValidationError({ from: '起始日期不能晚于截止日期' }, '考核期间不正确。');
  return { from, to };
}

/** The rules in force: stored overrides merged over the defaults. */
export async function scoreRules(ctx: AppContext): Promise<ScoreRules> {
  return mergeRules(await repo.settingJson(ctx.db, SETTING_SCORE_RULES));
}

/** The inputs of one org's score for a period. */
export async function scoreInputs(
  ctx: AppContext,
  orgId: number,
  period: Period,
  cal: HolidayCalendar,
): Promise<ScoreInputs> {
  const today = chinaDate(ctx.now());
  const start = chinaDayStartIso(period.from);
  const end = chinaDayEndIso(period.to);
  const all = await findingsRepo.findingsSeenUpTo(ctx.db, [orgId], end);
  const findings = all
    .filter((f) => f.first_seen_at >= start && f.status !== 'ignored')
    .map((f) => ({
      kind: f.kind as MonitorKind,
      severity: f.severity as 'veto' | 'major' | 'minor',
    }));
  const items = await repo.publishedItems(ctx.db, orgId, period.from, period.to);
  const late = items.filter(
    (i) =>
      i.published_on !== null &&
      i.published_on > addWorkingDays(cal, i.formed_on, PUBLICATION_WORKING_DAYS).date,
  ).length;
  const apps = await repo.applicationsDue(ctx.db, orgId, period.from, period.to);
  const overdueApplications = apps.filter(
    (a) =>
      a.reply_due_on !== null &&
      (a.concluded_on !== null ? a.concluded_on > a.reply_due_on : a.reply_due_on < today),
  ).length;
  const spot = await spotResultsInPeriod(ctx.db, [orgId], period.from, period.to);
  const overdueTasks = all.filter(
    (f) =>
      f.status !== 'ignored' &&
      f.due_on !== null &&
      f.due_on >= period.from &&
      f.due_on <= period.to &&
      (isOverdue(f, today) ||
        (f.closed_at !== null && chinaDate(new Date(f.closed_at)) > f.due_on)),
  ).length;
  return {
    findings,
    published: items.length,
    latePublished: late,
    overdueApplications,
    spotChecked: spot.filter((s) => s.result !== null).length,
    spotFailed: spot.filter((s) => s.result === 'fail').length,
    overdueTasks,
  };
}

export interface OrgScoreView {
  org: OrgRow;
  period: Period;
  inputs: ScoreInputs;
  score: ScoreResult;
  rules: ScoreRules;
}

/** One org's score for the period in `query` (from, to). */
export async function orgScore(
  ctx: AppContext,
  actor: Actor,
  code: string,
  query: unknown,
): Promise<OrgScoreView> {
  const org = await orgForMonitoring(ctx, actor, code, 'read');
  const period = parsePeriod(ctx, query);
  const rules = await scoreRules(ctx);
  const inputs = await scoreInputs(ctx, org.id, period, await loadCalendar(ctx));
  return { org, period, inputs, score: computeScore(inputs, rules), rules };
}

export interface RankingView {
  org: OrgRow;
  period: Period;
  rows: Array<{ code: string; name: string; score: ScoreResult; inputs: ScoreInputs }>;
}

/** The supervisor's ranking of every org below `code` for the period. */
export async function childRanking(
  ctx: AppContext,
  actor: Actor,
  code: string,
  query: unknown,
): Promise<RankingView> {
  const org = await orgForMonitoring(ctx, actor, code, 'supervise');
  const period = parsePeriod(ctx, query);
  const rules = await scoreRules(ctx);
  const cal = await loadCalendar(ctx);
  const children = await listOrgRowsByIds(ctx.db, await descendantIds(ctx.db, org.id));
  const rows = [];
  for (const child of children) {
    const inputs = await scoreInputs(ctx, child.id, period, cal);
    rows.push({ code: child.code, name: child.name, inputs, score: computeScore(inputs, rules) });
  }
  return { org, period, rows: rankScores(rows) };
}
