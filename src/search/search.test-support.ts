import type { Conn } from '../platform/db/database.js';
import type { SearchInput } from './search.service.js';

/** Builders shared by the search tests, the relevance set loader and the benchmark. */

/** A search of the whole platform with no filter, by relevance, page 1 (tests spread over it). */
export const SEARCH_DEFAULTS: SearchInput = {
  q: '',
  org: null,
  children: false,
  column: null,
  category: null,
  year: null,
  docType: null,
  validity: null,
  sort: 'relevance',
  page: 1,
};

/** An item as the relevance corpus describes it. */
export interface CorpusItem {
  ref: string;
  org: string;
  column?: string;
  title: string;
  doc_number?: string | null;
  index_no?: string | null;
  summary?: string | null;
  body?: string | null;
  /** Text of an attachment (stored as already extracted). */
  attachment_text?: string | null;
  doc_type?: string;
  validity?: string | null;
  category?: string;
  published_on: string;
  status?: string;
  attribute?: string;
}

/** Inserts an item row (and its attachment text) directly, returning its id. */
export async function insertItem(
  conn: Conn,
  orgId: number,
  item: CorpusItem,
  columnId: number | null = null,
  updatedAt = '2026-01-01T00:00:00.000Z',
): Promise<number> {
  const row = await conn
    .insertInto('items')
    .values({
      org_id: orgId,
      ref: item.ref,
      index_no: item.index_no ?? null,
      title: item.title,
      summary: item.summary ?? null,
      body_html: item.body ? `<p>${item.body}</p>` : null,
      column_id: columnId,
      category: item.category ?? 'art20-01',
      doc_type: item.doc_type ?? 'other',
      doc_number: item.doc_number ?? null,
      formed_on: item.published_on,
      published_on: item.published_on,
      channels: '["portal"]',
      validity: item.validity ?? null,
      abolished_on: null,
      interprets_ref: null,
      attribute: item.attribute ?? 'active',
      attribute_reason: null,
      rereview_on: null,
      topic: null,
      genre: null,
      keywords: null,
      disclosure_mode: null,
      status: item.status ?? 'published',
      review_level: 0,
      scheduled_at: null,
      author_id: null,
      version: 1,
      change_note: null,
      withdrawn_on: null,
      withdrawal_reason: null,
      published_at: `${item.published_on}T02:00:00.000Z`,
      created_at: updatedAt,
      updated_at: updatedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (item.attachment_text) {
    await conn
      .insertInto('attachments')
      .values({
        item_id: row.id,
        org_id: orgId,
        filename: '附件.pdf',
        media_type: 'application/pdf',
        size: item.attachment_text.length,
        sha256: 'x',
        storage: 'db',
        data: null,
        text_content: item.attachment_text,
        created_at: updatedAt,
      })
      .execute();
  }
  return row.id;
}

/** Inserts a column of an org, returning its id. */
export async function insertColumn(
  conn: Conn,
  orgId: number,
  code: string,
  name: string,
): Promise<number> {
  const r = await conn
    .insertInto('columns')
    .values({
      org_id: orgId,
      code,
      name,
      parent_id: null,
      category: null,
      update_class: 'none',
      review_levels: 1,
      is_system: 0,
      sort: 0,
      created_at: 'now',
      updated_at: 'now',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
