import { z } from 'zod';
import { formText, optionalFormText } from '../platform/validation.js';
import { dateSchema } from './rectification.schema.js';
import { CHECKLIST, CHECKLIST_KEYS } from './spot-checks.model.js';

/** Inputs of spot checks (抽查): the creation form, an item's checklist, raising a finding. */

const empty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const createSpotCheckSchema = z
  .object({
    title: formText('抽查名称', 100),
    period_from: z.preprocess(empty, z.string({ message: '请填写起始日期' }).pipe(dateSchema)),
    period_to: z.preprocess(empty, z.string({ message: '请填写截止日期' }).pipe(dateSchema)),
    sample_size: z.preprocess(
      empty,
      z.coerce
        .number({ message: '请填写抽查条数' })
        .int('抽查条数须为整数')
        .min(1, '抽查条数至少为 1')
        .max(500, '抽查条数不能超过 500'),
    ),
    seed: optionalFormText('随机种子', 64),
  })
  .refine((v) => v.period_from <= v.period_to, {
    message: '截止日期不能早于起始日期',
    path: ['period_to'],
  });
export type CreateSpotCheckInput = z.output<typeof createSpotCheckSchema>;

const verdict = (label: string) =>
  z.enum(['pass', 'fail'], { message: `请选择“${label}”是否合格` });

/** One item's checklist: every point pass or fail, and an optional note. */
export const recordItemSchema = z.object({
  ...Object.fromEntries(CHECKLIST.map((c) => [`p_${c.key}`, verdict(c.label)])),
  note: optionalFormText('说明', 1000),
}) as unknown as z.ZodType<
  Record<`p_${(typeof CHECKLIST_KEYS)[number]}`, 'pass' | 'fail'> & { note: string | null }
>;

export const raiseFindingSchema = z.object({
  point: z.enum(CHECKLIST_KEYS as [string, ...string[]], { message: '请选择不合格的检查要点' }),
});

export const closeSpotCheckSchema = z.object({ summary: optionalFormText('抽查小结', 1000) });
