import { z } from 'zod';
import {
  APPLICATION_COLUMNS,
  APPEAL_KINDS,
  CHANNELS,
  ORG_KINDS,
  ROW_KEYS,
  type AppealKind,
  type RowKey,
} from './reports.model.js';

/**
 * Zod schemas of the `gongkai-annual-report` v1 document (EXCHANGE.md §2). Objects are strict:
 * an unknown field is an error, never dropped. Two modes:
 * - `annualReportSchema`: a complete report, as the platform writes it — every part present;
 * - `publishedAnnualReportSchema`: a report as published in an earlier year may lack parts
 *   (e.g. table 二 of a 2019 trial-format report, REGULATIONS.md §2.7). A missing part stays
 *   absent, never zero; a part that is present must still be whole (all 25 rows, 7 columns…).
 */

/** A count: a non-negative integer. */
export const countSchema = z
  .number({ error: '应为数字' })
  .int({ error: '应为整数' })
  .min(0, { error: '不能为负数' });

/** An amount of money or 万元 figure: a non-negative number, decimals allowed. */
export const amountSchema = z.number({ error: '应为数字' }).min(0, { error: '不能为负数' });

const countRow = (length: number) =>
  z.array(countSchema, { error: '应为数组' }).length(length, { error: `应有 ${length} 个数` });

const issuedAbolished = z.strictObject({
  issued: countSchema,
  abolished: countSchema,
  in_force: countSchema,
});

/** Table 二 (主动公开政府信息情况, REGULATIONS.md §2.3). */
export const proactiveSchema = z.strictObject({
  rules: issuedAbolished,
  normative_documents: issuedAbolished,
  licensing: countSchema,
  penalty: countSchema,
  enforcement: countSchema,
  fees_10k_yuan: amountSchema,
});

const row7 = countRow(APPLICATION_COLUMNS.length);
const rowsShape = Object.fromEntries(ROW_KEYS.map((key) => [key, row7])) as Record<
  RowKey,
  typeof row7
>;

/** Table 三 (收到和处理政府信息公开申请情况, REGULATIONS.md §2.4): 25 rows × 7 columns. */
export const applicationsSchema = z.strictObject({
  columns: z
    .array(z.string(), { error: '应为数组' })
    .refine(
      (columns) =>
        columns.length === APPLICATION_COLUMNS.length &&
        columns.every((c, i) => c === APPLICATION_COLUMNS[i]),
      { error: `应为 ${JSON.stringify(APPLICATION_COLUMNS)}` },
    ),
  rows: z.strictObject(rowsShape),
});

const row5 = countRow(5);
const appealsShape = Object.fromEntries(APPEAL_KINDS.map((k) => [k, row5])) as Record<
  AppealKind,
  typeof row5
>;

/** Table 四 (行政复议、行政诉讼情况, REGULATIONS.md §2.5): 3 blocks × 5 columns. */
export const appealsSchema = z.strictObject(appealsShape);

/** Section 六's 信息处理费 figures (REGULATIONS.md §2.6). */
export const feesSchema = z.strictObject({
  notices: countSchema,
  notice_amount_yuan: amountSchema,
  collected_yuan: amountSchema,
});

/** Items proactively published in the year, per channel; a channel not reported is absent. */
export const channelsSchema = z.strictObject(
  Object.fromEntries(CHANNELS.map((c) => [c, countSchema.optional()])) as Record<
    (typeof CHANNELS)[number],
    z.ZodOptional<typeof countSchema>
  >,
);

/** Sections 一, 五 and 六 as text. */
export const narrativeSchema = z.strictObject({
  overview: z.string({ error: '应为文本' }),
  problems: z.string({ error: '应为文本' }),
  other: z.string({ error: '应为文本' }),
});

/** The organisation the report belongs to (EXCHANGE.md §1.1 subset). */
export const reportOrgSchema = z.strictObject({
  code: z
    .string({ error: '应为文本' })
    .regex(/^[a-z0-9-]{2,40}$/, { error: '应为 2–40 个小写字母、数字或连字符' }),
  name: z.string({ error: '应为文本' }).min(1, { error: '不能为空' }),
  kind: z.enum(ORG_KINDS, { error: `应为 ${ORG_KINDS.join(' | ')} 之一` }),
});

/** The header every document has, in both modes. */
export const reportHeaderShape = {
  format: z.literal('gongkai-annual-report', { error: '应为 "gongkai-annual-report"' }),
  version: z.literal(1, { error: '应为 1' }),
  org: reportOrgSchema,
  year: z
    .number({ error: '应为数字' })
    .int({ error: '应为整数' })
    .min(2008, { error: '年度应不早于 2008' })
    .max(2100, { error: '年度应不晚于 2100' }),
};

/** The parts after the header, complete. */
export const reportPartSchemas = {
  proactive: proactiveSchema,
  applications: applicationsSchema,
  appeals: appealsSchema,
  fees: feesSchema,
  channels: channelsSchema,
  narrative: narrativeSchema,
};
export type ReportPart = keyof typeof reportPartSchemas;
export const REPORT_PARTS = Object.keys(reportPartSchemas) as ReportPart[];

/** The same parts as a published earlier-year report may hold them: table 二 and narrative may be partial. */
export const publishedPartSchemas = {
  ...reportPartSchemas,
  proactive: proactiveSchema.partial(),
  narrative: narrativeSchema.partial(),
};

/** A complete `gongkai-annual-report` v1 document, as `gongkai report ORG YEAR --format json` writes it. */
export const annualReportSchema = z.strictObject({ ...reportHeaderShape, ...reportPartSchemas });
export type AnnualReport = z.infer<typeof annualReportSchema>;

/** A document as published (parts optional; a missing part is absent, never zero). */
export const publishedAnnualReportSchema = z.strictObject({
  ...reportHeaderShape,
  proactive: publishedPartSchemas.proactive.optional(),
  applications: applicationsSchema.optional(),
  appeals: appealsSchema.optional(),
  fees: feesSchema.optional(),
  channels: channelsSchema.optional(),
  narrative: publishedPartSchemas.narrative.optional(),
});
export type PublishedAnnualReport = z.infer<typeof publishedAnnualReportSchema>;
