import { z } from 'zod';
import { isoDate, nullableDate, nullableText, orgRef, recordRef } from '../exchange.fields.js';

/** `appeals[]`: 行政复议 and 行政诉讼 cases (EXCHANGE.md §1.4). */
export const appealRecordSchema = z.strictObject({
  org: orgRef,
  ref: recordRef,
  application: nullableText(200),
  kind: z.enum(['review', 'litigation_direct', 'litigation_after_review']),
  filed_on: isoDate,
  decided_on: nullableDate,
  result: z.enum(['maintained', 'corrected', 'other']).nullable().default(null),
});
export type AppealRecord = z.output<typeof appealRecordSchema>;
