import { z } from 'zod';
import { count, orgRef, yuan } from '../exchange.fields.js';

const docFigures = z.strictObject({ issued: count, abolished: count, in_force: count }).partial();

/**
 * `annual_figures[]`: figures the platform cannot derive, per org and year (EXCHANGE.md §1.5);
 * the parts of a gongkai-annual-report document that are known. A missing part is absent.
 */
export const annualFiguresRecordSchema = z.strictObject({
  org: orgRef,
  year: z.number().int().min(2008).max(2100),
  source: z.enum(['manual', 'published']),
  proactive: z
    .strictObject({
      rules: docFigures,
      normative_documents: docFigures,
      licensing: count,
      penalty: count,
      enforcement: count,
      fees_10k_yuan: yuan,
    })
    .partial()
    .optional(),
  applications: z
    .strictObject({
      columns: z.array(z.string()).length(7),
      rows: z.record(z.string(), z.array(count).length(7)),
    })
    .optional(),
  appeals: z
    .strictObject({
      review: z.array(count).length(5),
      litigation_direct: z.array(count).length(5),
      litigation_after_review: z.array(count).length(5),
    })
    .partial()
    .optional(),
  fees: z
    .strictObject({ notices: count, notice_amount_yuan: yuan, collected_yuan: yuan })
    .partial()
    .optional(),
  channels: z
    .partialRecord(z.enum(['portal', 'platform', 'gazette', 'new_media', 'other']), count)
    .optional(),
  narrative: z
    .strictObject({ overview: z.string(), problems: z.string(), other: z.string() })
    .partial()
    .optional(),
});
export type AnnualFiguresRecord = z.output<typeof annualFiguresRecordSchema>;
