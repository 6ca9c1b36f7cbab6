import { INDEX_LIMITS, type IndexedFields } from './search.model.js';
import type { ItemForIndex } from './search.repository.js';
import { indexTokens, type Segmenter } from './search.segment.js';
import { htmlToText } from './search.text.js';

/**
 * The CPU-bound half of indexing an item (issue 6): body HTML to text and the tokens of each
 * field. Pure and free of I/O, so the bulk rebuild can run it in worker threads
 * (segment.worker.ts) and get exactly what the in-thread path gets.
 */

/** The parts of an item its tokens are made of. */
export type FieldsInput = Pick<
  ItemForIndex,
  'title' | 'doc_number' | 'index_no' | 'summary' | 'body_html'
>;

/** The tokens of an item, field by field. */
export function fieldsOf(seg: Segmenter, item: FieldsInput, attachments: string[]): IndexedFields {
  return {
    title: indexTokens(seg, item.title),
    numbers: [...indexTokens(seg, item.doc_number), ...indexTokens(seg, item.index_no)],
    summary: indexTokens(seg, item.summary),
    body: indexTokens(seg, htmlToText(item.body_html).slice(0, INDEX_LIMITS.body)),
    attachments: indexTokens(seg, attachments.join('\n').slice(0, INDEX_LIMITS.attachments)),
  };
}
