import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { chinaDayEndIso, chinaDayStartIso } from '../platform/audit/audit.model.js';
import { chinaDate } from '../platform/time.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { listColumnRows } from '../catalogue/columns.repository.js';
import type { MonitorKind } from './monitor.contract.js';
import { isOverdue } from './rectification.model.js';
import * as findingsRepo from './rectification.repository.js';
import { orgForMonitoring } from './rectification.service.js';
import { computeScore } from './scores.model.js';
import * as scoresRepo from './scores.repository.js';
import { parsePeriod, scoreInputs, scoreRules } from './scores.service.js';
import type { SelfInspectionData } from './self-inspection.model.js';
import * as spotRepo from './spot-checks.repository.js';

const EXAMPLES_PER_KIND = 3;

/** The data of an org's 自查报告 for the period in `query` (from, to). */
export async function selfInspection(
  ctx: AppContext,
  actor: Actor,
  code: string,
  query: unknown,
): Promise<SelfInspectionData> {
  const org = await orgForMonitoring(ctx, actor, code, 'read');
  const period = parsePeriod(ctx, query);
  const today = chinaDate(ctx.now());
  const start = chinaDayStartIso(period.from);
  const inPeriod = (
    await findingsRepo.findingsSeenUpTo(ctx.db, [org.id], chinaDayEndIso(period.to))
  ).filter((f) => f.first_seen_at >= start);
  const real = inPeriod.filter((f) => f.status !== 'ignored');
  const byKind = new Map<MonitorKind, SelfInspectionData['problems'][number]>();
  for (const f of real) {
    const kind = f.kind as MonitorKind;
    const p = byKind.get(kind) ?? { kind, count: 0, veto: 0, examples: [] };
    p.count += 1;
    if (f.severity === 'veto') p.veto += 1;
    if (p.examples.length < EXAMPLES_PER_KIND) p.examples.push(f.title);
    byKind.set(kind, p);
  }
  const inputs = await scoreInputs(ctx, org.id, period, await loadCalendar(ctx));
  const checks = (await spotRepo.listSpotChecks(ctx.db, org.id)).filter(
    (c) => c.period_from <= period.to && c.period_to >= period.from,
  );
  const spotChecks = [];
  for (const c of checks.reverse()) {
    const items = await spotRepo.spotCheckItems(ctx.db, c.id);
    spotChecks.push({
      title: c.title,
      from: c.period_from,
      to: c.period_to,
      sampled: items.length,
      checked: items.filter((i) => i.result !== null).length,
      passed: items.filter((i) => i.result === 'pass').length,
      done: c.status === 'done',
    });
  }
  const apps = await scoresRepo.applicationsDue(ctx.db, org.id, period.from, period.to);
  return {
    org: { code: org.code, name: org.name },
    period,
    producedOn: today,
    basics: {
      columns: (await listColumnRows(ctx.db, org.id)).length,
      published: inputs.published,
      latePublished: inputs.latePublished,
      applicationsDue: apps.length,
      overdueApplications: inputs.overdueApplications,
    },
    problems: [...byKind.values()].sort(
      (a, b) => b.count - a.count || a.kind.localeCompare(b.kind),
    ),
    rectification: {
      total: inPeriod.length,
      closed: real.filter((f) => f.status === 'closed').length,
      open: real.filter((f) => f.status === 'open').length,
      fixed: real.filter((f) => f.status === 'fixed').length,
      overdue: real.filter((f) => isOverdue(f, today)).length,
      ignored: inPeriod.length - real.length,
    },
    spotChecks,
    score: computeScore(inputs, await scoreRules(ctx)),
  };
}
