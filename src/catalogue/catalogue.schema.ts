import { z } from 'zod';
import { isIsoDate } from '../calendar/calendar.model.js';
import { formText, optionalFormText } from '../platform/validation.js';
import {
  ATTRIBUTES,
  CHANNELS,
  DOC_TYPES,
  MAX_REVIEW_LEVELS,
  UPDATE_CLASSES,
  VALIDITIES,
} from './catalogue.model.js';
import { COLUMN_CODE_PATTERN } from './columns.model.js';

/** Form input schemas of the catalogue, with Chinese messages. */

const emptyToNull = (v: unknown) =>
  typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : (v ?? null);

const optionalDate = (label: string) =>
  z.preprocess(
    emptyToNull,
    z.string().refine(isIsoDate, `${label}应为有效日期，格式如 2026-01-31`).nullable(),
  );

const requiredDate = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ message: `请填写${label}` })
      .min(1, `请填写${label}`)
      .refine(isIsoDate, `${label}应为有效日期，格式如 2026-01-31`),
  );

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess(emptyToNull, z.enum(values, { message }).nullable());

const list = (v: unknown) =>
  v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v];

/** The item form (draft, edit, edit after publication). */
export const itemFormSchema = z.object({
  column_id: z.coerce.number({ message: '请选择栏目' }).int('请选择栏目').positive('请选择栏目'),
  title: formText('标题', 300),
  summary: optionalFormText('内容概述', 2000),
  body_html: z.preprocess(
    (v) => (typeof v === 'string' ? v : ''),
    z.string().max(2_000_000, '正文过长'),
  ),
  doc_number: optionalFormText('文号', 100),
  formed_on: requiredDate('成文日期'),
  published_on: optionalDate('发布日期'),
  topic: optionalFormText('主题分类', 100),
  genre: optionalFormText('体裁', 50),
  keywords: optionalFormText('主题词', 200),
  doc_type: z.enum(DOC_TYPES, { message: '请选择文件类型' }),
  validity: optionalEnum(VALIDITIES, '请选择有效性'),
  abolished_on: optionalDate('废止日期'),
  disclosure_mode: optionalFormText('公开方式', 100),
  attribute: z.enum(ATTRIBUTES, { message: '请选择公开属性' }),
  attribute_reason: optionalFormText('公开属性依据', 200),
  channels: z.preprocess(list, z.array(z.enum(CHANNELS, { message: '发布渠道不正确' }))),
  interprets_ref: optionalFormText('解读的政策', 200),
  change_note: optionalFormText('修改说明', 500),
});
export type ItemForm = z.output<typeof itemFormSchema>;

/** A column added or edited by the org's administrator. */
export const columnFormSchema = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ message: '请填写栏目代码' })
      .regex(
        COLUMN_CODE_PATTERN,
        '栏目代码应以小写字母开头，由小写字母、数字和连字符组成（2–40位）',
      ),
  ),
  name: formText('栏目名称', 100),
  parent_id: z.preprocess(emptyToNull, z.coerce.number().int().positive().nullable()),
  update_class: z.enum(UPDATE_CLASSES, { message: '请选择更新类别' }),
  review_levels: z.coerce
    .number({ message: '审核级数应为1至3' })
    .int('审核级数应为1至3')
    .min(1, '审核级数应为1至3')
    .max(MAX_REVIEW_LEVELS, '审核级数应为1至3'),
  sort: z.preprocess(emptyToNull, z.coerce.number().int().min(0).max(9999).nullable()),
});
export type ColumnForm = z.output<typeof columnFormSchema>;

/** A review decision: approve, or return with a comment. */
export const reviewFormSchema = z
  .object({
    decision: z.enum(['approve', 'return'], { message: '请选择审核意见' }),
    comment: optionalFormText('审核意见', 1000),
  })
  .refine((r) => r.decision !== 'return' || r.comment !== null, {
    message: '退回修改时请填写退回意见',
    path: ['comment'],
  });

/** Publish now, or at a China-time date and time (`YYYY-MM-DDTHH:MM`). */
export const publishFormSchema = z
  .object({
    mode: z.enum(['now', 'schedule'], { message: '请选择发布方式' }),
    scheduled_at: z.preprocess(
      emptyToNull,
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, '定时发布时间格式如 2026-12-01T09:00')
        .nullable(),
    ),
  })
  .refine((r) => r.mode !== 'schedule' || r.scheduled_at !== null, {
    message: '请填写定时发布时间',
    path: ['scheduled_at'],
  });

/** Withdrawal needs a reason, shown on the public notice. */
export const withdrawFormSchema = z.object({ reason: formText('撤回原因', 500) });

/** A periodic re-review of a 不予公开 item (条例第十八条). */
export const rereviewFormSchema = z.object({
  result: z.enum(['keep', 'release'], { message: '请选择审查结论' }),
  comment: optionalFormText('审查意见', 1000),
});

/** Filters of the item list. */
export const itemListQuerySchema = z.object({
  status: z.preprocess(emptyToNull, z.string().max(20).nullable()).catch(null),
  column: z.preprocess(emptyToNull, z.coerce.number().int().positive().nullable()).catch(null),
  view: z.enum(['all', 'mine', 'review']).catch('all'),
  page: z.coerce.number().int().min(1).max(10000).catch(1),
});
