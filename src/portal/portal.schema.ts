import { z } from 'zod';
import type { PolicyFilters } from './portal.repository.js';

/**
 * Query strings of public pages. A reader's odd value never fails a page: an unusable filter
 * is simply ignored and an unusable page number means the first page.
 */

const optionalEnum = <T extends [string, ...string[]]>(values: T) =>
  z.enum(values).optional().catch(undefined);

/** ?page=N (1 to 100,000). */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  print: z.string().optional().catch(undefined),
});

/** Filters of the 政策文件 library. */
export const policyQuerySchema = pageQuerySchema.extend({
  year: z.coerce.number().int().min(1949).max(2100).optional().catch(undefined),
  doc_type: optionalEnum(['rule', 'normative', 'other']),
  validity: optionalEnum(['valid', 'invalid', 'abolished']),
  topic: z.string().trim().min(1).max(100).optional().catch(undefined),
  doc_number: z.string().trim().min(1).max(50).optional().catch(undefined),
});

/** Parses the library's query string into page and filters. */
export function parsePolicyQuery(query: unknown): { page: number; filters: PolicyFilters } {
  const q = policyQuerySchema.parse(query ?? {});
  const filters: PolicyFilters = {};
  if (q.year !== undefined) filters.year = q.year;
  if (q.doc_type) filters.docType = q.doc_type;
  if (q.validity) filters.validity = q.validity;
  if (q.topic) filters.topic = q.topic;
  if (q.doc_number) filters.docNumber = q.doc_number;
  return { page: q.page, filters };
}
