import { z } from 'zod';
import { ROLES } from '../platform/authz.js';
import { formText, optionalFormText } from '../platform/validation.js';

/** Zod schemas of the accounts forms and the CLI, with Chinese messages. */

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
/** A checkbox: present ('on', '1', 'true') or absent. */
const checkbox = z.preprocess(
  (v) => v === 'on' || v === '1' || v === 'true' || v === true,
  z.boolean(),
);

export const usernameSchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z
    .string({ message: '请填写用户名' })
    .min(3, '用户名至少3个字符')
    .max(40, '用户名不能超过40个字符')
    .regex(
      /^[a-z0-9][a-z0-9_.-]*$/,
      '用户名只能包含小写字母、数字、下划线、点和连字符，且以字母或数字开头',
    ),
);

export const newPasswordSchema = z
  .string({ message: '请填写新密码' })
  .min(12, '密码至少12个字符')
  .max(200, '密码不能超过200个字符');

/** Sign-in form: the password is not trimmed (spaces may be part of it). */
export const loginSchema = z.object({
  username: z.preprocess(
    trimmed,
    z.string({ message: '请填写用户名' }).min(1, '请填写用户名').max(100, '用户名过长'),
  ),
  password: z.string({ message: '请填写密码' }).min(1, '请填写密码').max(200, '密码过长'),
  next: z.string().optional(),
});

/** Second factor: a 6-digit TOTP code or a recovery code. */
export const secondFactorSchema = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\s+/g, '') : v),
    z
      .string({ message: '请填写验证码' })
      .min(6, '请填写6位验证码或恢复码')
      .max(20, '验证码格式不正确'),
  ),
  next: z.string().optional(),
});

export const enrolSchema = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\s+/g, '') : v),
    z.string({ message: '请填写验证码' }).regex(/^\d{6}$/, '请填写验证器应用显示的6位数字'),
  ),
  next: z.string().optional(),
});

export const changePasswordSchema = z
  .object({
    current_password: z.string({ message: '请填写当前密码' }).min(1, '请填写当前密码'),
    new_password: newPasswordSchema,
    confirm_password: z.string({ message: '请再次填写新密码' }).min(1, '请再次填写新密码'),
  })
  .refine((v) => v.new_password === v.confirm_password, {
    path: ['confirm_password'],
    message: '两次填写的新密码不一致',
  });

/** A grant as submitted by the role × org table: `ORGID:ROLE`. */
export const grantSchema = z
  .string()
  .regex(/^\d+:[a-z_]+$/, '角色选择无效')
  .transform((v) => {
    const [org, role] = v.split(':') as [string, string];
    return { orgId: Number(org), role };
  })
  .refine((g) => (ROLES as readonly string[]).includes(g.role), '角色选择无效');

const userFields = {
  display_name: formText('姓名', 100),
  email: z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : (v ?? null)),
    z.email({ message: '电子邮箱格式不正确' }).max(200, '电子邮箱不能超过200个字符').nullable(),
  ),
  platform_admin: checkbox,
  grant: z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(grantSchema),
  ),
};

export const userCreateSchema = z.object({
  username: usernameSchema,
  ...userFields,
  password: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    newPasswordSchema.optional(),
  ),
});
export const userUpdateSchema = z.object({ ...userFields, disabled: checkbox });

export type UserCreateInput = z.output<typeof userCreateSchema>;
export type UserUpdateInput = z.output<typeof userUpdateSchema>;

/** CLI `user create` options. */
export const cliUserSchema = z.object({
  username: usernameSchema,
  name: formText('姓名', 100),
  email: optionalFormText('电子邮箱', 200),
  password: newPasswordSchema.optional(),
});
