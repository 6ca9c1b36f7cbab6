import { z } from 'zod';
import { annualFiguresRecordSchema } from './parts/annual-figures.schema.js';
import { appealRecordSchema } from './parts/appeals.schema.js';
import { applicationRecordSchema } from './parts/applications.schema.js';
import { itemRecordSchema } from './parts/items.schema.js';
import { orgRecordSchema } from './parts/orgs.part.js';

/**
 * The whole `gongkai-exchange` v1 document (EXCHANGE.md §1). Every array is optional; unknown
 * fields anywhere are errors (strict objects), never silently dropped.
 */
export const exchangeDocumentSchema = z.strictObject({
  format: z.literal('gongkai-exchange', { message: '应为 "gongkai-exchange"' }),
  version: z.literal(1, { message: '仅支持版本 1' }),
  orgs: z.array(orgRecordSchema).default([]),
  items: z.array(itemRecordSchema).default([]),
  applications: z.array(applicationRecordSchema).default([]),
  appeals: z.array(appealRecordSchema).default([]),
  annual_figures: z.array(annualFiguresRecordSchema).default([]),
});
export type ExchangeDocument = z.output<typeof exchangeDocumentSchema>;

/** The parts of a document, in the order they are imported (orgs before what refers to them). */
export const EXCHANGE_PARTS = [
  'orgs',
  'items',
  'applications',
  'appeals',
  'annual_figures',
] as const;
export type ExchangePart = (typeof EXCHANGE_PARTS)[number];
