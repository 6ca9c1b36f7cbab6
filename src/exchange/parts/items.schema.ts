import { z } from 'zod';
import {
  isoDate,
  nullableDate,
  nullableText,
  orgRef,
  recordRef,
  text,
} from '../exchange.fields.js';

/** `items[]`: published government information (EXCHANGE.md §1.2, 条例第二十条). */
export const itemRecordSchema = z
  .strictObject({
    org: orgRef,
    ref: recordRef,
    index_no: nullableText(100),
    title: text(500),
    summary: nullableText(5000),
    body_html: nullableText(2_000_000),
    category: text(60),
    doc_type: z.enum(['rule', 'normative', 'other']),
    doc_number: nullableText(100),
    formed_on: isoDate,
    published_on: nullableDate,
    channels: z.array(z.enum(['portal', 'platform', 'gazette', 'new_media', 'other'])).default([]),
    validity: z.enum(['valid', 'invalid', 'abolished']).nullable().default(null),
    abolished_on: nullableDate,
    interprets: nullableText(200),
    attribute: z.enum(['active', 'on_request', 'withheld']),
    attribute_reason: nullableText(200),
  })
  .refine((r) => r.attribute !== 'withheld' || r.attribute_reason !== null, {
    message: '不予公开的信息须注明依据（attribute_reason）',
    path: ['attribute_reason'],
  });
export type ItemRecord = z.output<typeof itemRecordSchema>;
