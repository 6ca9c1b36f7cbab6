import { z } from 'zod';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = z.preprocess(
  blankToUndefined,
  z.string().trim().max(100, '不能超过 100 个字符').optional(),
);
const date = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '请按 2026-01-31 的格式填写日期')
    .refine(
      (d) =>
        !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
        new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
      '日期不存在',
    )
    .optional(),
);

/** Query of the audit page (a GET form): every field optional, blanks ignored. */
export const auditQuerySchema = z
  .object({
    org: z.preprocess(
      blankToUndefined,
      z.coerce.number({ message: '请选择单位' }).int().positive('请选择单位').optional(),
    ),
    actor: text,
    action: text,
    targetType: text,
    from: date,
    to: date,
    page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: '结束日期不能早于开始日期',
  });

export type AuditQuery = z.infer<typeof auditQuerySchema>;
