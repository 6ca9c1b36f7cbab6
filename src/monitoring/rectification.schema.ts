import { z } from 'zod';
import { formText, optionalFormText } from '../platform/validation.js';
import { MONITOR_KINDS } from './monitor.contract.js';
import { FINDING_STATUSES, SEVERITIES } from './rectification.model.js';

/** Inputs of rectification: list filters (query string) and the action forms. */

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '请按 YYYY-MM-DD 填写日期')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    '日期不存在',
  );

/** A calendar date `YYYY-MM-DD` that exists. */
export const dateSchema = isoDate;

/** Filters of the findings list; unknown values are refused (400), not ignored. */
export const findingFiltersSchema = z.object({
  kind: z.preprocess(
    emptyToUndefined,
    z.enum(MONITOR_KINDS, { message: '问题类型不正确' }).optional(),
  ),
  status: z.preprocess(
    emptyToUndefined,
    z.enum(FINDING_STATUSES as [string, ...string[]], { message: '状态不正确' }).optional(),
  ),
  severity: z.preprocess(
    emptyToUndefined,
    z.enum(SEVERITIES as [string, ...string[]], { message: '严重程度不正确' }).optional(),
  ),
  overdue: z.preprocess(emptyToUndefined, z.enum(['1']).optional()),
  /** A user id, `me`, or `none` (not assigned). */
  assignee: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(\d{1,9}|me|none)$/, '承办人不正确')
      .optional(),
  ),
  column: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: '栏目不正确' }).int().positive('栏目不正确').optional(),
  ),
  page: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: '页码不正确' }).int().min(1, '页码不正确').max(10000).default(1),
  ),
});
export type FindingFilters = z.output<typeof findingFiltersSchema>;

export const assignSchema = z.object({
  assignee_id: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: '请选择承办人' }).int('请选择承办人').positive('请选择承办人'),
  ),
  due_on: z.preprocess(emptyToUndefined, z.string({ message: '请填写整改期限' }).pipe(isoDate)),
  note: optionalFormText('说明', 500),
});
export type AssignInput = z.output<typeof assignSchema>;

export const fixSchema = z.object({ note: optionalFormText('整改说明', 1000) });
export const ignoreSchema = z.object({ reason: formText('忽略理由', 500) });
export const commentSchema = z.object({ note: formText('备注', 1000) });
