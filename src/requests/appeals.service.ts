import { z } from 'zod';
import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import { ValidationError } from '../platform/errors.js';
import { chinaDate, isoNow } from '../platform/time.js';
import { parseInput } from '../platform/validation.js';
import * as repo from './appeals.repository.js';
import { applicationByOrgRef } from './requests.repository.js';
import { orgFor } from './requests.service.js';

/**
 * 行政复议 and 行政诉讼 about an org's disclosure work (条例第五十一条; EXCHANGE.md §1.4), recorded
 * against the org and optionally the application concerned. They feed table 四 of the annual
 * report: filed, decided with 维持 / 纠正 / 其他, or 尚未审结 (decided_on null).
 */

export const APPEAL_KINDS = ['review', 'litigation_direct', 'litigation_after_review'] as const;
export const APPEAL_KIND_LABELS: Record<(typeof APPEAL_KINDS)[number], string> = {
  review: '行政复议',
  litigation_direct: '未经复议直接起诉',
  litigation_after_review: '复议后起诉',
};
export const APPEAL_RESULTS = ['maintained', 'corrected', 'other'] as const;
export const APPEAL_RESULT_LABELS: Record<(typeof APPEAL_RESULTS)[number], string> = {
  maintained: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
};

const blankToNull = (v: unknown) =>
  typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v;
const date = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`);

/** The appeal form (and the service input). */
export const appealInputSchema = z
  .object({
    ref: z.preprocess(
      blankToNull,
      z.string({ message: '请填写案号' }).min(1, '请填写案号').max(200, '案号不能超过200个字'),
    ),
    application: z.preprocess(blankToNull, z.string().max(200).nullable().default(null)),
    kind: z.enum(APPEAL_KINDS, { message: '请选择案件类型' }),
    body: z.preprocess(
      blankToNull,
      z.string().max(200, '不能超过200个字').nullable().default(null),
    ),
    stage: z.preprocess(
      blankToNull,
      z.string().max(100, '不能超过100个字').nullable().default(null),
    ),
    filed_on: date('立案（受理）日期'),
    decided_on: z.preprocess(blankToNull, date('审结日期').nullable().default(null)),
    result: z.preprocess(
      blankToNull,
      z.enum(APPEAL_RESULTS, { message: '请选择结果' }).nullable().default(null),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.decided_on !== null && v.decided_on < v.filed_on)
      ctx.addIssue({ code: 'custom', path: ['decided_on'], message: '审结日期不能早于立案日期' });
    if ((v.decided_on === null) !== (v.result === null))
      ctx.addIssue({
        code: 'custom',
        path: ['result'],
        message: '已审结的案件请同时填写审结日期和结果；未审结的两项都不填',
      });
  });
export type AppealInput = z.output<typeof appealInputSchema>;

export interface AppealView extends AppealInput {
  id: number;
}

/** The org's appeals, newest first; `pendingOnly` lists 尚未审结 cases. */
export async function listAppeals(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
  pendingOnly = false,
): Promise<AppealView[]> {
  const { org } = await orgFor(ctx, actor, orgCode, 'read');
  return (await repo.appealRows(ctx.db, org.id, pendingOnly)).map((r) => ({
    id: r.id,
    ref: r.ref,
    application: r.application_ref ?? null,
    kind: r.kind as AppealInput['kind'],
    body: r.body,
    stage: r.stage,
    filed_on: r.filed_on,
    decided_on: r.decided_on,
    result: r.result as AppealInput['result'],
  }));
}

/**
 * Records an appeal, or updates the one with the same case number (org + ref): stage, decision
 * date and result as the case progresses. The application, when named, must be this org's.
 * One transaction, audited (`appeal.create` / `appeal.update`).
 */
export async function saveAppeal(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
  raw: unknown,
): Promise<{ created: boolean }> {
  const { org } = await orgFor(ctx, actor, orgCode, 'handle');
  const input = parseInput(appealInputSchema, raw);
  if (input.filed_on > chinaDate(ctx.now()))
    throw new ValidationError({ filed_on: '立案日期不能晚于今天' });
  return ctx.db.transaction().execute(async (trx) => {
    let applicationId: number | null = null;
    if (input.application !== null) {
      const a = await applicationByOrgRef(trx, org.id, input.application);
      if (!a)
        throw new ValidationError(
          { application: `本单位没有受理编号为 ${input.application} 的申请` },
          undefined,
          'ERR_APPEAL_APPLICATION',
        );
      applicationId = a.id;
    }
    const now = isoNow(ctx.now());
    const fields = {
      application_id: applicationId,
      kind: input.kind,
      body: input.body,
      stage: input.stage,
      filed_on: input.filed_on,
      decided_on: input.decided_on,
      result: input.result,
    };
    const existing = await repo.appealByRef(trx, org.id, input.ref);
    if (existing) {
      await repo.updateAppeal(trx, existing.id, { ...fields, updated_at: now });
      await audit(ctx, trx, actor, {
        orgId: org.id,
        action: 'appeal.update',
        targetType: 'appeal',
        targetId: input.ref,
        before: { ...existing },
        after: { ...existing, ...fields },
      });
      return { created: false };
    }
    await repo.insertAppeal(trx, {
      org_id: org.id,
      ref: input.ref,
      ...fields,
      created_at: now,
      updated_at: now,
    });
    await audit(ctx, trx, actor, {
      orgId: org.id,
      action: 'appeal.create',
      targetType: 'appeal',
      targetId: input.ref,
      after: fields,
    });
    return { created: true };
  });
}
