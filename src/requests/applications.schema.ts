import { z } from 'zod';
import { idCardProblem, isValidUscc, type IdCardProblem } from '../platform/checksums.js';
import { ValidationError } from '../platform/errors.js';
import { formText, optionalFormText, zodFieldErrors } from '../platform/validation.js';
import { HELP_KINDS, HELP_LABELS, ID_TYPES, type NewApplication } from './applications.model.js';
import { CHANNELS } from './requests.model.js';

/**
 * Form schemas of applications (条例第二十九条): the public form and the staff registration form
 * share the applicant part. Field names are the form's `name`s, so errors point at fields.
 */

const ORG_KINDS = ['commercial', 'research', 'public_interest', 'legal_services', 'other'] as const;
const PUBLIC_DELIVERY = ['paper', 'email', 'disc', 'inspect'] as const;

const ID_MESSAGES: Record<IdCardProblem, string> = {
  format: '居民身份证号码应为18位（最后一位可以是X）',
  region: '居民身份证号码的前两位不是有效的省级行政区划代码',
  birth_date: '居民身份证号码中的出生日期不正确',
  checksum: '居民身份证号码的校验位不正确，请核对',
};

const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values, { message }));

/** Checkbox groups arrive as a string, an array or nothing. */
const checkboxes = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values, { message: '请从列表中选择' })),
  );

function applicantShape() {
  return {
    applicant_kind: choice(
      ['person', 'org'] as const,
      '请选择申请人类型（自然人或法人或其他组织）',
    ),
    org_kind: z.preprocess((v) => (v === '' ? undefined : v), z.enum(ORG_KINDS).optional()),
    name: formText('姓名或者名称', 100),
    id_type: choice(ID_TYPES, '请选择证件类型'),
    id_number: optionalFormText('证件号码', 40),
    phone: optionalFormText('联系电话', 30),
    email: optionalFormText('电子邮箱', 100),
    address: optionalFormText('通信地址', 200),
    postcode: optionalFormText('邮政编码', 6),
    description: formText('所需政府信息的名称、文号或者特征性描述', 5000),
    delivery: choice(PUBLIC_DELIVERY, '请选择获取信息的方式'),
    help: checkboxes(HELP_KINDS),
    help_detail: optionalFormText('需要的帮助', 500),
  };
}

type ApplicantForm = Omit<z.output<z.ZodObject<ReturnType<typeof applicantShape>>>, 'delivery'> & {
  delivery: 'paper' | 'email' | 'disc' | 'inspect' | 'other';
};

/** Cross-field rules of the applicant part; `idRequired` for the public form. */
function checkApplicant(
  v: ApplicantForm,
  ctx: z.RefinementCtx,
  today: string,
  idRequired: boolean,
) {
  const issue = (path: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [path], message });
  if (v.applicant_kind === 'org' && !v.org_kind) issue('org_kind', '请选择组织类型');
  if (v.applicant_kind === 'person' && v.id_type === 'uscc')
    issue('id_type', '自然人请选择居民身份证、护照或其他有效证件');
  if (v.applicant_kind === 'org' && (v.id_type === 'resident_id' || v.id_type === 'passport'))
    issue('id_type', '法人或其他组织请选择统一社会信用代码或其他有效证件');
  const id = v.id_number?.replace(/\s+/g, '').toUpperCase() ?? null;
  if (!id) {
    if (idRequired) issue('id_number', '请填写证件号码（条例第二十九条：申请人的身份证明）');
  } else if (v.id_type === 'resident_id') {
    const problem = idCardProblem(id, today);
    if (problem) issue('id_number', ID_MESSAGES[problem]);
  } else if (v.id_type === 'uscc' && !isValidUscc(id)) {
    issue('id_number', '统一社会信用代码应为18位，且校验位正确，请核对');
  }
  if (v.phone && !/^[0-9+\-() ]{7,20}$/.test(v.phone))
    issue('phone', '联系电话只能包含数字、空格和 + - ( )，7至20位');
  if (v.email && !z.email().safeParse(v.email).success)
    issue('email', '电子邮箱格式不正确，例如 name@example.com');
  if (v.postcode && !/^\d{6}$/.test(v.postcode)) issue('postcode', '邮政编码应为6位数字');
  if (!v.phone && !v.email && !v.address)
    issue('phone', '请至少填写一种联系方式（电话、电子邮箱或通信地址）');
  if (v.delivery === 'email' && !v.email)
    issue('email', '选择以电子邮件获取信息时，请填写电子邮箱');
  if (v.delivery === 'paper' && !v.address) issue('address', '选择纸质邮寄时，请填写通信地址');
}

/** The applicant part of a parsed form as NewApplication fields. */
function toApplicant(
  v: ApplicantForm,
): Pick<NewApplication, 'applicant' | 'description' | 'delivery' | 'help_needed'> {
  const help = [...v.help.map((h) => HELP_LABELS[h]), ...(v.help_detail ? [v.help_detail] : [])];
  return {
    applicant: {
      type: v.applicant_kind === 'person' ? 'natural_person' : (v.org_kind ?? 'other'),
      name: v.name,
      id_type: v.id_type,
      id_number: v.id_number?.replace(/\s+/g, '').toUpperCase() ?? null,
      phone: v.phone,
      email: v.email,
      address: v.address,
      postcode: v.postcode,
    },
    description: v.description,
    delivery: v.delivery,
    help_needed: help.length > 0 ? help.join('；') : null,
  };
}

/** The public form /{org}/apply; `today` checks birth dates of ID numbers. */
export function publicFormSchema(today: string) {
  return z
    .object({
      ...applicantShape(),
      submission_token: z
        .string()
        .regex(/^[A-Za-z0-9_-]{20,100}$/, '表单已失效，请刷新页面后重新填写'),
    })
    .superRefine((v, ctx) => checkApplicant(v, ctx, today, true))
    .transform((v) => ({
      token: v.submission_token,
      application: {
        ...toApplicant(v),
        channel: 'online' as const,
        submitted_on: today,
      } satisfies NewApplication,
    }));
}

const optionalDate = z.preprocess(
  (v) => (v === '' || v === undefined ? null : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
    .nullable(),
);

/** The staff registration form /admin/orgs/:code/applications/new (条例第三十一条 dates). */
export function staffFormSchema(today: string) {
  return z
    .object({
      ...applicantShape(),
      delivery: choice(
        ['paper', 'email', 'disc', 'inspect', 'other'] as const,
        '请选择获取信息的方式',
      ),
      channel: choice(CHANNELS, '请选择提交方式'),
      submitted_on: z
        .string({ message: '请填写提交日期' })
        .regex(/^\d{4}-\d{2}-\d{2}$/, '提交日期格式应为 YYYY-MM-DD'),
      signed_on: optionalDate,
      confirmed_on: optionalDate,
      oral: z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean()),
    })
    .superRefine((v, ctx) => checkApplicant(v, ctx, today, false))
    .transform((v): NewApplication => ({
      ...toApplicant(v),
      channel: v.channel,
      submitted_on: v.submitted_on,
      signed_on: v.signed_on,
      confirmed_on: v.confirmed_on,
      oral: v.oral,
    }));
}

/** Confirming an online application: the confirmation date (条例第三十一条). */
export const confirmFormSchema = z.object({
  confirmed_on: z
    .string({ message: '请填写确认日期' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, '确认日期格式应为 YYYY-MM-DD'),
});

/**
 * Parses a public or staff form, reporting every problem at once: zod skips the cross-field
 * checks while a field is invalid, so they are also run on the raw values and merged in.
 */
export function parseApplicationForm<S extends z.ZodType>(
  schema: S,
  values: Record<string, unknown>,
  today: string,
  idRequired: boolean,
): z.output<S> {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const fields = zodFieldErrors(result.error);
  const text = (k: string) =>
    typeof values[k] === 'string' && (values[k] as string).trim() !== ''
      ? (values[k] as string).trim()
      : null;
  const raw = {
    applicant_kind: text('applicant_kind'),
    org_kind: text('org_kind'),
    id_type: text('id_type'),
    id_number: text('id_number'),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    postcode: text('postcode'),
    delivery: text('delivery'),
  } as unknown as ApplicantForm;
  const collect = {
    addIssue: (i: { path?: PropertyKey[]; message?: string }) => {
      const key = String(i.path?.[0] ?? '_');
      fields[key] ??= i.message ?? '';
    },
  } as unknown as z.RefinementCtx;
  checkApplicant(raw, collect, today, idRequired);
  throw new ValidationError(fields);
}
