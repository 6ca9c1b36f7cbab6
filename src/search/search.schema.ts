import { z } from 'zod';
import { MAX_PAGE, SORTS } from './search.model.js';

/** Inputs of search: the portal page and the API share one query-string schema. */

const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/** An optional short text parameter: blank means absent. */
const optionalText = (max: number) =>
  z.preprocess((v) => {
    const s = first(v);
    return typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined;
  }, z.string().max(max, '参数过长').optional());

/** The query text is kept as typed: its rules (empty, short, long) are the service's. */
const queryText = z.preprocess((v) => {
  const s = first(v);
  return typeof s === 'string' ? s : '';
}, z.string());

const flag = z.preprocess((v) => {
  const s = first(v);
  return s === '1' || s === 'on' || s === 'true';
}, z.boolean());

export const searchQuerySchema = z.object({
  q: queryText,
  org: optionalText(40),
  children: flag,
  column: optionalText(60),
  category: optionalText(40),
  year: optionalText(4).pipe(
    z
      .string()
      .regex(/^\d{4}$/, '年份应为四位数字')
      .optional(),
  ),
  doc_type: optionalText(20).pipe(z.enum(['rule', 'normative', 'other']).optional()),
  validity: optionalText(20).pipe(z.enum(['valid', 'invalid', 'abolished']).optional()),
  sort: optionalText(20).pipe(z.enum(SORTS).optional()),
  page: z.preprocess(
    (v) => {
      const s = first(v);
      return s === undefined || s === '' ? 1 : Number(s);
    },
    z
      .number()
      .int('页码应为整数')
      .min(1, '页码应为正整数')
      .max(MAX_PAGE, `最多显示前 ${MAX_PAGE} 页`),
  ),
});

export type SearchQuery = z.output<typeof searchQuerySchema>;

/** A word administrators add to the vocabulary: 2–20 characters, no spaces. */
export const wordFormSchema = z.object({
  word: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z
      .string()
      .min(2, '请输入至少两个字的词语')
      .max(20, '词语不能超过 20 个字')
      .regex(/^[\p{L}\p{N}]+$/u, '词语只能包含文字和数字，不能有空格或标点'),
  ),
});
