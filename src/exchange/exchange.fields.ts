import { z } from 'zod';

/**
 * Field types shared by the parts of a `gongkai-exchange` document (EXCHANGE.md): calendar
 * dates, nullable text, record codes.
 */

/** An ISO `YYYY-MM-DD` calendar date that exists. */
export const isoDate = z
  .string({ message: '应为日期（YYYY-MM-DD）' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, '日期不存在');

/** A non-empty string. */
export const text = (max = 10_000) =>
  z.string({ message: '应为文本' }).min(1, '不能为空').max(max, `不能超过${max}个字`);

/** A string or null; may be omitted (then null). */
export const nullableText = (max = 10_000) => text(max).nullable().default(null);

/** A date or null; may be omitted (then null). */
export const nullableDate = isoDate.nullable().default(null);

/** A record's org: an org code. */
export const orgRef = z
  .string({ message: '应为单位代码' })
  .regex(/^[a-z0-9-]{2,40}$/, '单位代码应为2至40位小写字母、数字或连字符');

/** A source system's key of a record. */
export const recordRef = text(200);

/** A non-negative whole number (counts). */
export const count = z.number({ message: '应为数字' }).int('应为整数').min(0, '不能为负数');

/** An amount of money in yuan. */
export const yuan = z.number({ message: '应为金额（数字）' }).min(0, '不能为负数');
