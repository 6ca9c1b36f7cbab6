import { z } from 'zod';
import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db/database.js';
import { ConflictError, NotFoundError } from '../platform/errors.js';
import { chinaDate, isoNow } from '../platform/time.js';
import { parseInput } from '../platform/validation.js';
import type { OrgRow } from '../orgs/orgs.repository.js';
import { PLACEHOLDER_MARK } from './narrative-draft.model.js';
import type { Finding } from './findings.model.js';
import { ReportBlockedError } from './report.errors.js';
import { missingFiguresOf, storedDocument } from './report.records.js';
import {
  ackKey,
  generateDocument,
  latestDraft,
  orgForReports,
  saveRevision,
  unacknowledged,
  validateDocument,
  type Acknowledgement,
} from './reports.service.js';
import * as repo from './reports.repository.js';

/**
 * The life of a report (条例第四十九条): draft → submitted to the supervising org → published on
 * the portal → amended by a new revision with a change note (the old one stays readable).
 * Errors block submission and publication; every warning needs an acknowledgement with a reason.
 */

const text = (label: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : v),
    z.string({ message: `请填写${label}` }).max(max, `${label}不能超过${max}个字`),
  );

/** The text sections staff edit (一, 五, 六). */
export const narrativeInputSchema = z.object({
  overview: text('一、总体情况', 20_000).pipe(z.string().min(1, '请填写一、总体情况')),
  problems: text('五、存在的主要问题及改进情况', 10_000),
  other: text('六、其他需要报告的事项', 10_000),
});

/** Saves the text of the draft; the tables are refreshed from the records at the same time. */
export async function saveNarrative(
  ctx: AppContext,
  actor: Actor,
  code: string,
  year: number,
  raw: unknown,
) {
  const org = await orgForReports(ctx, actor, code, 'edit');
  const narrative = parseInput(narrativeInputSchema, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const draft = await latestDraft(trx, org.id, year);
    await saveRevision(
      ctx,
      trx,
      actor,
      org,
      year,
      draft,
      await generateDocument(trx, org, year, narrative),
    );
  });
}

/** Replaces the text of the draft with a new draft written from the current figures. */
export async function redraftNarrative(ctx: AppContext, actor: Actor, code: string, year: number) {
  const org = await orgForReports(ctx, actor, code, 'edit');
  await ctx.db.transaction().execute(async (trx) => {
    const draft = await latestDraft(trx, org.id, year);
    await saveRevision(ctx, trx, actor, org, year, draft, await generateDocument(trx, org, year));
  });
}

const ackSchema = z.object({
  code: z.string().min(1),
  path: z.string(),
  reason: text('说明理由', 500).pipe(z.string().min(4, '请说明理由（至少4个字）')),
});

/** Accepts a warning of the latest revision (draft or submitted) with a reason. */
export async function acknowledgeWarning(
  ctx: AppContext,
  actor: Actor,
  code: string,
  year: number,
  raw: unknown,
) {
  const org = await orgForReports(ctx, actor, code, 'edit');
  const input = parseInput(ackSchema, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const [latest] = await repo.reportRevisions(trx, org.id, year);
    if (!latest || (latest.state !== 'draft' && latest.state !== 'submitted'))
      throw new ConflictError('ERR_REPORT_NOT_DRAFT', '只有草稿或已报送的年度报告可以确认警告。');
    const findings = JSON.parse(latest.findings) as Array<{
      code: string;
      path: string;
      severity: string;
    }>;
    if (!findings.some((f) => f.severity === 'warning' && ackKey(f) === ackKey(input)))
      throw new NotFoundError('ERR_REPORT_WARNING_NOT_FOUND', '该警告已不存在，请刷新页面。');
    const acks = (JSON.parse(latest.acknowledgements) as Acknowledgement[]).filter(
      (a) => ackKey(a) !== ackKey(input),
    );
    acks.push({ ...input, by: actor.username, at: isoNow(ctx.now()) });
    await repo.updateReport(trx, latest.id, { acknowledgements: JSON.stringify(acks) });
    await audit(ctx, trx, actor, {
      orgId: org.id,
      action: 'report.acknowledge',
      targetType: 'annual_report',
      targetId: `${org.code}/${year}/${latest.revision}`,
      after: { ...input },
    });
  });
}

/** Checks that block submission and publication; throws the first that fails. */
async function assertPublishable(trx: Tx, org: OrgRow, row: repo.AnnualReportRow) {
  const doc = storedDocument(row);
  const findings = JSON.parse(row.findings) as Finding[];
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0)
    throw new ReportBlockedError(
      'ERR_REPORT_INVALID',
      `年度报告有 ${errors.length} 处错误，请到相关记录中更正后重新生成。`,
      errors,
    );
  const missing = await missingFiguresOf(trx, org, row.year);
  if (missing.length > 0)
    throw new ReportBlockedError(
      'ERR_REPORT_FIGURES_MISSING',
      '请先填写表二中行政许可、行政处罚、行政强制和行政事业性收费的数据（没有的填0）。',
    );
  if (Object.values(doc.narrative).some((t) => t.includes(PLACEHOLDER_MARK)))
    throw new ReportBlockedError(
      'ERR_REPORT_NARRATIVE_INCOMPLETE',
      `文字部分还有待填写的内容（${PLACEHOLDER_MARK}…】），请补充后再报送。`,
    );
  const open = unacknowledged(findings, JSON.parse(row.acknowledgements) as Acknowledgement[]);
  if (open.length > 0)
    throw new ReportBlockedError(
      'ERR_REPORT_WARNINGS_UNACKNOWLEDGED',
      `有 ${open.length} 条警告尚未确认，请逐条说明理由。`,
      open,
    );
}

/**
 * Before submission the tables are taken from the records once more (then frozen); before
 * publication the frozen report is validated as of today. Kept even when the step is then
 * refused, so that new warnings (LATE) can be acknowledged.
 */
async function revalidate(
  ctx: AppContext,
  actor: Actor,
  org: OrgRow,
  year: number,
  action: 'submit' | 'publish',
) {
  await ctx.db.transaction().execute(async (trx) => {
    const [latest] = await repo.reportRevisions(trx, org.id, year);
    if (!latest || latest.state !== (action === 'submit' ? 'draft' : 'submitted')) return;
    if (action === 'submit') {
      const doc = await generateDocument(trx, org, year, storedDocument(latest).narrative);
      await saveRevision(ctx, trx, actor, org, year, latest, doc);
    } else {
      const findings = await validateDocument(
        ctx,
        trx,
        org,
        storedDocument(latest),
        chinaDate(ctx.now()),
      );
      await repo.updateReport(trx, latest.id, { findings: JSON.stringify(findings) });
    }
  });
}

async function transition(
  ctx: AppContext,
  actor: Actor,
  code: string,
  year: number,
  action: 'submit' | 'reopen' | 'publish',
) {
  const org = await orgForReports(ctx, actor, code, action === 'publish' ? 'publish' : 'edit');
  if (action !== 'reopen') await revalidate(ctx, actor, org, year, action);
  await ctx.db.transaction().execute(async (trx) => {
    const revisions = await repo.reportRevisions(trx, org.id, year);
    const [latest] = revisions;
    const from = { submit: 'draft', reopen: 'submitted', publish: 'submitted' }[action];
    if (!latest || latest.state !== from)
      throw new ConflictError(
        'ERR_REPORT_STATE',
        `年度报告当前状态不能执行该操作（应为${from === 'draft' ? '草稿' : '已报送'}）。`,
      );
    const now = isoNow(ctx.now());
    const by = actor.userId || null;
    if (action === 'submit') {
      await assertPublishable(trx, org, latest);
      await repo.updateReport(trx, latest.id, {
        state: 'submitted',
        submitted_by: by,
        submitted_at: now,
      });
    } else if (action === 'reopen') {
      await repo.updateReport(trx, latest.id, {
        state: 'draft',
        submitted_by: null,
        submitted_at: null,
      });
    } else {
      const today = chinaDate(ctx.now());
      await assertPublishable(trx, org, latest);
      await repo.updateReport(trx, latest.id, {
        state: 'published',
        published_by: by,
        published_at: now,
        published_on: today,
      });
      for (const old of revisions.slice(1))
        if (old.state === 'published') await repo.updateReport(trx, old.id, { state: 'amended' });
    }
    await audit(ctx, trx, actor, {
      orgId: org.id,
      action: `report.${action}`,
      targetType: 'annual_report',
      targetId: `${org.code}/${year}/${latest.revision}`,
      before: { state: latest.state },
      after: { state: { submit: 'submitted', reopen: 'draft', publish: 'published' }[action] },
    });
  });
}

/** Submits the draft to the supervising org (条例第四十九条); the figures are frozen. */
export const submitReport = (ctx: AppContext, actor: Actor, code: string, year: number) =>
  transition(ctx, actor, code, year, 'submit');
/** Takes a submitted report back to draft. */
export const reopenReport = (ctx: AppContext, actor: Actor, code: string, year: number) =>
  transition(ctx, actor, code, year, 'reopen');
/** Publishes a submitted report on the portal's 公开年报 column. */
export const publishReport = (ctx: AppContext, actor: Actor, code: string, year: number) =>
  transition(ctx, actor, code, year, 'publish');

const amendSchema = z.object({
  change_note: text('更正说明', 1000).pipe(z.string().min(4, '请填写更正说明（至少4个字）')),
});

/**
 * Starts an amendment of a published report: a new draft revision with the tables from the
 * current records, the published text and the change note. The published one stays online
 * until the amendment is published, and readable afterwards.
 */
export async function amendReport(
  ctx: AppContext,
  actor: Actor,
  code: string,
  year: number,
  raw: unknown,
) {
  const org = await orgForReports(ctx, actor, code, 'edit');
  const { change_note } = parseInput(amendSchema, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const [latest] = await repo.reportRevisions(trx, org.id, year);
    if (!latest || latest.state !== 'published')
      throw new ConflictError('ERR_REPORT_STATE', '只有已公开的年度报告可以更正。');
    const doc = await generateDocument(trx, org, year, storedDocument(latest).narrative);
    await saveRevision(ctx, trx, actor, org, year, null, doc, {
      revision: latest.revision + 1,
      changeNote: change_note,
    });
  });
}
