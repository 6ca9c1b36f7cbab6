import { z } from 'zod';
import { isValidUscc } from '../platform/checksums.js';
import { formText, optionalFormText } from '../platform/validation.js';
import { ORG_KINDS, RESERVED_ORG_CODES, type IndexTemplate } from './orgs.model.js';

/** Org code: `[a-z0-9-]{2,40}`, not a reserved top-level path. */
export const orgCodeSchema = z
  .string({ message: '请填写单位代码' })
  .regex(/^[a-z0-9-]{2,40}$/, '单位代码应为2至40位小写字母、数字或连字符')
  .refine((c) => !RESERVED_ORG_CODES.has(c), '该代码是平台保留的网址，请换一个');

/** 统一社会信用代码 (GB 32100-2015), upper-cased, checksum verified. */
export const usccSchema = z
  .string()
  .transform((v) => v.trim().toUpperCase())
  .refine(isValidUscc, '统一社会信用代码应为18位且校验位正确');

export const orgKindSchema = z.enum(ORG_KINDS, { message: '请选择单位类型' });

/** The stored 索引号 template (JSON in orgs.index_template). */
export const indexTemplateSchema = z.strictObject({
  prefix: z.enum(['code', 'uscc', 'text']),
  prefixText: z.string().max(40).nullable(),
  separator: z.string().max(3),
  period: z.enum(['year', 'year-month']),
  segmentSeparator: z.string().max(3),
  category: z.enum(['none', 'before-period', 'after-period']),
  serialWidth: z.number().int().min(1).max(10),
  reset: z.enum(['yearly', 'monthly']),
}) satisfies z.ZodType<IndexTemplate>;

const separatorField = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z
      .string()
      .max(3, `${label}不能超过3个字符`)
      .regex(/^[^\sA-Za-z0-9]*$/, `${label}应为符号（如 / 或 -），不能含字母、数字或空格`),
  );

const optionalEmail = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : (v ?? null)),
  z.email('电子邮箱格式不正确').max(100, '电子邮箱不能超过100个字').nullable(),
);

const optionalPostcode = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : (v ?? null)),
  z
    .string()
    .regex(/^\d{6}$/, '邮政编码应为6位数字')
    .nullable(),
);

const optionalUscc = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v) : (v ?? null)),
  z
    .string()
    .transform((v) => v.trim().toUpperCase())
    .refine(isValidUscc, '统一社会信用代码应为18位且校验位正确')
    .nullable(),
);

/**
 * The org form (new and edit). Field names are the form's input names, so errors attach to
 * fields; the template is checked against the org's USCC in the service.
 */
export const orgFormSchema = z.object({
  name: formText('单位名称', 100),
  code: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), orgCodeSchema),
  kind: orgKindSchema,
  parent: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null),
    z.string().nullable(),
  ),
  uscc: optionalUscc,
  site_id_code: z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : (v ?? null)),
    z
      .string()
      .regex(/^[0-9A-Za-z]{4,20}$/, '网站标识码应为4至20位字母或数字')
      .nullable(),
  ),
  contact_office: optionalFormText('工作机构名称', 100),
  contact_address: optionalFormText('办公地址', 200),
  contact_hours: optionalFormText('办公时间', 200),
  contact_phone: optionalFormText('联系电话', 100),
  contact_fax: optionalFormText('传真号码', 100),
  contact_email: optionalEmail,
  contact_postcode: optionalPostcode,
  tpl_prefix: z.enum(['code', 'uscc', 'text'], { message: '请选择索引号前缀' }),
  tpl_prefix_text: optionalFormText('前缀文字', 40),
  tpl_separator: separatorField('前缀分隔符'),
  tpl_period: z.enum(['year', 'year-month'], { message: '请选择年度段格式' }),
  tpl_segment_separator: separatorField('段分隔符'),
  tpl_category: z.enum(['none', 'before-period', 'after-period'], { message: '请选择类别段位置' }),
  tpl_serial_width: z.coerce
    .number({ message: '流水号位数应为1至10' })
    .int('流水号位数应为1至10')
    .min(1, '流水号位数应为1至10')
    .max(10, '流水号位数应为1至10'),
  tpl_reset: z.enum(['yearly', 'monthly'], { message: '请选择重新编号方式' }),
});
export type OrgFormInput = z.output<typeof orgFormSchema>;

/** Maps a template field of IndexTemplate to its form input name (for error messages). */
export const TEMPLATE_FIELD_NAMES: Record<keyof IndexTemplate, string> = {
  prefix: 'tpl_prefix',
  prefixText: 'tpl_prefix_text',
  separator: 'tpl_separator',
  period: 'tpl_period',
  segmentSeparator: 'tpl_segment_separator',
  category: 'tpl_category',
  serialWidth: 'tpl_serial_width',
  reset: 'tpl_reset',
};

/** Form labels, used by the error summary. */
export const ORG_FORM_LABELS: Record<string, string> = {
  name: '单位名称',
  code: '单位代码',
  kind: '单位类型',
  parent: '上级单位',
  uscc: '统一社会信用代码',
  site_id_code: '网站标识码',
  contact_office: '工作机构名称',
  contact_address: '办公地址',
  contact_hours: '办公时间',
  contact_phone: '联系电话',
  contact_fax: '传真号码',
  contact_email: '电子邮箱',
  contact_postcode: '邮政编码',
  tpl_prefix: '索引号前缀',
  tpl_prefix_text: '前缀文字',
  tpl_separator: '前缀分隔符',
  tpl_period: '年度段',
  tpl_segment_separator: '段分隔符',
  tpl_category: '类别段',
  tpl_serial_width: '流水号位数',
  tpl_reset: '重新编号',
};
