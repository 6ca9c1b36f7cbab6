import { z } from 'zod';
import type { ApplicationEvent } from './requests.model.js';
import { CONSULTATION_PARTIES, FEE_BASES, OUTCOME_CODES } from './requests.model.js';

/**
 * Forms of the case actions (补正, 征求意见, 延期, 收费, 办结, 撤回): each parses into one event of
 * requests.model.ts, which the service then checks against the whole history.
 */

const date = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`);
const whole = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : Number(v)),
    z
      .number({ message: `请填写${label}` })
      .int(`${label}应为整数`)
      .min(min, `${label}不能小于${min}`)
      .max(max, `${label}不能大于${max}`),
  );
const money = z.preprocess(
  (v) => (v === '' || v === undefined ? undefined : Number(v)),
  z.number({ message: '请填写金额（元）' }).min(0, '金额不能为负数').max(10_000_000, '金额过大'),
);
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null),
    z.string().max(max).nullable(),
  );

/** The form of each action, keyed by the hidden `type` field. */
export const eventFormSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('correction_requested'),
      on: date('补正告知日期'),
      due_on: date('补正期限'),
    }),
    z.object({ type: z.literal('correction_received'), on: date('收到补正日期') }),
    z.object({
      type: z.literal('consultation_started'),
      on: date('征求意见日期'),
      party: z.enum(CONSULTATION_PARTIES, { message: '请选择征求意见的对象' }),
    }),
    z.object({ type: z.literal('consultation_ended'), on: date('收到意见日期') }),
    z.object({
      type: z.literal('extended'),
      on: date('延期日期'),
      working_days: whole('延长的工作日数', 1, 20),
      approved_by: optionalText(100),
    }),
    z.object({
      type: z.literal('fee_notice'),
      on: date('收费通知日期'),
      basis: z.enum(FEE_BASES, { message: '请选择计收方式' }),
      amount_yuan: money,
      pages: z.preprocess(
        (v) => (v === '' ? undefined : v),
        whole('页数', 1, 1_000_000).optional(),
      ),
      count_in_month: z.preprocess(
        (v) => (v === '' ? undefined : v),
        whole('本月申请件数', 1, 1_000_000).optional(),
      ),
    }),
    z.object({ type: z.literal('fee_paid'), on: date('缴费日期'), amount_yuan: money }),
    z.object({
      type: z.literal('concluded'),
      on: date('答复日期'),
      outcome: z.enum(OUTCOME_CODES, { message: '请选择处理结果' }),
      legal_basis: optionalText(500),
    }),
    z.object({ type: z.literal('withdrawn'), on: date('撤回日期') }),
  ],
  { message: '未知的办理事项' },
);

/** The event of a parsed action form; an extension is approved by `approver` when not named. */
export function formToEvent(
  v: z.output<typeof eventFormSchema>,
  approver: string,
): ApplicationEvent {
  switch (v.type) {
    case 'extended':
      return {
        type: 'extended',
        on: v.on,
        working_days: v.working_days,
        approved_by: v.approved_by ?? approver,
      };
    case 'fee_notice':
      // Only the field of the chosen basis is kept (109号第三条: one basis per application).
      return v.basis === 'per_page'
        ? {
            type: 'fee_notice',
            on: v.on,
            amount_yuan: v.amount_yuan,
            basis: v.basis,
            ...(v.pages === undefined ? {} : { pages: v.pages }),
          }
        : {
            type: 'fee_notice',
            on: v.on,
            amount_yuan: v.amount_yuan,
            basis: v.basis,
            ...(v.count_in_month === undefined ? {} : { count_in_month: v.count_in_month }),
          };
    default:
      return v;
  }
}
