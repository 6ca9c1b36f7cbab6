import crypto from 'node:crypto';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { audit } from '../platform/audit/audit.service.js';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.js';
import { isoNow } from '../platform/time.js';
import { parseInput } from '../platform/validation.js';
import type { OrgRow } from '../orgs/orgs.repository.js';
import { findingKey } from './monitor.contract.js';
import { orgForMonitoring } from './rectification.service.js';
import { FINAL_STATUSES } from './rectification.model.js';
import * as findingsRepo from './rectification.repository.js';
import {
  CHECKLIST,
  CHECKLIST_KEYS,
  itemPasses,
  passRates,
  stratifiedSample,
  type ChecklistResult,
} from './spot-checks.model.js';
import * as repo from './spot-checks.repository.js';
import {
  closeSpotCheckSchema,
  createSpotCheckSchema,
  raiseFindingSchema,
  recordItemSchema,
} from './spot-checks.schema.js';

/**
 * 抽查 use cases: create a check (a seeded, stratified sample of the org's published items in a
 * period), record each item's checklist, raise a finding from a failed point (so it enters
 * rectification), and close the check with its pass rates by column.
 */

export interface SpotCheckView {
  org: OrgRow;
  check: repo.SpotCheckRow;
  items: Array<{
    id: number;
    itemId: number;
    ref: string;
    title: string;
    publishedOn: string | null;
    columnName: string;
    result: 'pass' | 'fail' | null;
    checklist: ChecklistResult | null;
    note: string | null;
  }>;
  rates: Array<{ column: string; checked: number; passed: number; rate: number | null }>;
  mayEdit: boolean;
}

/** The org's spot checks, newest first. */
export async function listOrgSpotChecks(ctx: AppContext, actor: Actor, code: string) {
  const org = await orgForMonitoring(ctx, actor, code, 'read');
  return { org, checks: await repo.listSpotChecks(ctx.db, org.id) };
}

/** Creates a spot check: draws the sample and stores it with its seed, in one transaction. */
export async function createSpotCheck(
  ctx: AppContext,
  actor: Actor,
  code: string,
  form: unknown,
): Promise<number> {
  const org = await orgForMonitoring(ctx, actor, code, 'spot_check');
  const input = parseInput(createSpotCheckSchema, form);
  const seed = input.seed ?? crypto.randomBytes(8).toString('hex');
  const frame = await repo.publishedInPeriod(ctx.db, org.id, input.period_from, input.period_to);
  if (frame.length === 0)
    throw new ValidationError(
      { period_from: '该期间内没有已公开的信息，无法抽查' },
      undefined,
      'ERR_SPOT_CHECK_EMPTY',
    );
  const sample = stratifiedSample(
    frame.map((r) => ({ id: r.id, columnId: r.column_id })),
    input.sample_size,
    seed,
  );
  const now = isoNow(ctx.now());
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertSpotCheck(trx, {
      org_id: org.id,
      title: input.title,
      period_from: input.period_from,
      period_to: input.period_to,
      sample_size: input.sample_size,
      seed,
      status: 'open',
      created_by: actor.userId || null,
      created_at: now,
      finished_at: null,
    });
    await repo.insertSpotCheckItems(trx, id, sample);
    await audit(ctx, trx, actor, {
      orgId: org.id,
      action: 'monitoring.spot_check.create',
      targetType: 'spot_check',
      targetId: id,
      after: { ...input, seed, sampled: sample.map((s) => s.id) },
    });
    return id;
  });
}

async function load(ctx: AppContext, org: OrgRow, id: number): Promise<repo.SpotCheckRow> {
  const check = Number.isInteger(id) && id > 0 ? await repo.findSpotCheck(ctx.db, id) : undefined;
  if (!check || check.org_id !== org.id)
    throw new NotFoundError('ERR_SPOT_CHECK_NOT_FOUND', '该抽查不存在。');
  return check;
}

const parseChecklist = (text: string | null): ChecklistResult | null => {
  if (!text) return null;
  try {
    return JSON.parse(text) as ChecklistResult;
  } catch {
    return null;
  }
};

/** A check with its items, results and pass rates by column. */
export async function spotCheckDetail(
  ctx: AppContext,
  actor: Actor,
  code: string,
  id: number,
): Promise<SpotCheckView> {
  const org = await orgForMonitoring(ctx, actor, code, 'read');
  const check = await load(ctx, org, id);
  const rows = await repo.spotCheckItems(ctx.db, check.id);
  const names = await findingsRepo.columnNames(ctx.db, [
    ...new Set(rows.flatMap((r) => (r.column_id ? [r.column_id] : []))),
  ]);
  const columnName = (cid: number | null) => (cid ? (names.get(cid) ?? `栏目${cid}`) : '未分栏目');
  const items = rows.map((r) => ({
    id: r.id,
    itemId: r.item_id,
    ref: r.ref,
    title: r.title,
    publishedOn: r.published_on,
    columnName: columnName(r.column_id),
    result: r.result as 'pass' | 'fail' | null,
    checklist: parseChecklist(r.checklist),
    note: r.note,
  }));
  let mayEdit = false;
  try {
    await orgForMonitoring(ctx, actor, code, 'spot_check');
    mayEdit = check.status === 'open';
  } catch {
    mayEdit = false;
  }
  return {
    org,
    check,
    items,
    rates: passRates(
      rows.map((r) => ({ columnId: r.column_id, result: r.result as 'pass' | 'fail' | null })),
    ).map((r) => ({
      column: columnName(r.columnId),
      checked: r.checked,
      passed: r.passed,
      rate: r.rate,
    })),
    mayEdit,
  };
}

async function forEdit(ctx: AppContext, actor: Actor, code: string, id: number) {
  const org = await orgForMonitoring(ctx, actor, code, 'spot_check');
  const check = await load(ctx, org, id);
  if (check.status !== 'open')
    throw new ConflictError('ERR_SPOT_CHECK_CLOSED', '该抽查已结束，不能再修改。');
  return { org, check };
}

async function loadItem(ctx: AppContext, checkId: number, itemRowId: number) {
  const item = (await repo.spotCheckItems(ctx.db, checkId)).find((i) => i.id === itemRowId);
  if (!item) throw new NotFoundError('ERR_SPOT_CHECK_ITEM_NOT_FOUND', '该抽查条目不存在。');
  return item;
}

/** Records one sampled item's checklist (pass/fail per point) and note. */
export async function recordSpotCheckItem(
  ctx: AppContext,
  actor: Actor,
  code: string,
  id: number,
  itemRowId: number,
  form: unknown,
): Promise<void> {
  const { org, check } = await forEdit(ctx, actor, code, id);
  const item = await loadItem(ctx, check.id, itemRowId);
  const input = parseInput(recordItemSchema, form);
  const checklist = Object.fromEntries(
    CHECKLIST_KEYS.map((k) => [k, input[`p_${k}`] === 'pass']),
  ) as ChecklistResult;
  const result = itemPasses(checklist) ? 'pass' : 'fail';
  const values = {
    result,
    checklist: JSON.stringify(checklist),
    note: input.note,
    checked_by: actor.userId || null,
    checked_at: isoNow(ctx.now()),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateSpotCheckItem(trx, item.id, values);
    await audit(ctx, trx, actor, {
      orgId: org.id,
      action: 'monitoring.spot_check.record',
      targetType: 'spot_check_item',
      targetId: item.id,
      before: { result: item.result, checklist: item.checklist, note: item.note },
      after: { result, checklist: values.checklist, note: input.note },
    });
  });
}

/**
 * Raises a finding from a failed checklist point so it enters rectification (kind by the point,
 * subject the item). The same problem of the same item is one finding: an unfinished one is
 * returned as it is, a finished one is reopened.
 */
export async function raiseSpotCheckFinding(
  ctx: AppContext,
  actor: Actor,
  code: string,
  id: number,
  itemRowId: number,
  form: unknown,
): Promise<number> {
  const { org, check } = await forEdit(ctx, actor, code, id);
  const item = await loadItem(ctx, check.id, itemRowId);
  const { point } = parseInput(raiseFindingSchema, form);
  const def = CHECKLIST.find((c) => c.key === point);
  const checklist = parseChecklist(item.checklist);
  if (!def || !checklist || checklist[def.key] !== false)
    throw new ConflictError('ERR_SPOT_CHECK_NOT_FAILED', '只有检查不合格的要点才能转为整改任务。');
  const key = findingKey(org.id, {
    kind: def.kind,
    subjectType: 'item',
    subjectId: String(item.item_id),
  });
  const now = isoNow(ctx.now());
  const note = `抽查“${check.title}”发现：${def.label}不合格${item.note ? `（${item.note}）` : ''}`;
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('monitor_findings')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    if (existing) {
      if (FINAL_STATUSES.includes(existing.status as 'closed')) {
        await findingsRepo.updateFinding(trx, existing.id, {
          status: 'open',
          closed_at: null,
          last_seen_at: now,
          updated_at: now,
        });
        await findingsRepo.insertEvent(trx, {
          findingId: existing.id,
          at: now,
          actorId: actor.userId || null,
          action: 'reopened',
          note,
        });
        await audit(ctx, trx, actor, {
          orgId: org.id,
          action: 'monitoring.finding.reopen',
          targetType: 'monitor_finding',
          targetId: existing.id,
          before: { status: existing.status },
          after: { status: 'open', note },
        });
      }
      return existing.id;
    }
    const row = await trx
      .insertInto('monitor_findings')
      .values({
        org_id: org.id,
        column_id: item.column_id,
        kind: def.kind,
        subject_type: 'item',
        subject_id: String(item.item_id),
        key,
        severity: def.kind === 'content_personal_data' ? 'major' : 'minor',
        title: `抽查发现：《${item.title}》${def.label}不合格`,
        detail: JSON.stringify({
          source: 'spot_check',
          spotCheckId: check.id,
          point: def.key,
          item: item.ref,
          note: item.note,
        }),
        status: 'open',
        assignee_id: null,
        due_on: null,
        first_seen_at: now,
        last_seen_at: now,
        closed_at: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await findingsRepo.insertEvent(trx, {
      findingId: row.id,
      at: now,
      actorId: actor.userId || null,
      action: 'detected',
      note,
    });
    await audit(ctx, trx, actor, {
      orgId: org.id,
      action: 'monitoring.finding.raise',
      targetType: 'monitor_finding',
      targetId: row.id,
      after: { kind: def.kind, subject: item.item_id, spotCheck: check.id },
    });
    return row.id;
  });
}

/** Closes the check once every sampled item has a result; the summary is its pass rates. */
export async function closeSpotCheck(
  ctx: AppContext,
  actor: Actor,
  code: string,
  id: number,
  form: unknown = {},
): Promise<void> {
  const { org, check } = await forEdit(ctx, actor, code, id);
  const { summary } = parseInput(closeSpotCheckSchema, form);
  const items = await repo.spotCheckItems(ctx.db, check.id);
  const pending = items.filter((i) => i.result === null).length;
  if (pending > 0)
    throw new ConflictError(
      'ERR_SPOT_CHECK_INCOMPLETE',
      `还有 ${pending} 条信息未记录检查结果，不能结束抽查。`,
    );
  const rates = passRates(
    items.map((i) => ({ columnId: i.column_id, result: i.result as 'pass' | 'fail' })),
  );
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateSpotCheck(trx, check.id, { status: 'done', finished_at: isoNow(ctx.now()) });
    await audit(ctx, trx, actor, {
      orgId: org.id,
      action: 'monitoring.spot_check.close',
      targetType: 'spot_check',
      targetId: check.id,
      before: { status: 'open' },
      after: { status: 'done', rates, summary },
    });
  });
}
