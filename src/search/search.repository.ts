import { sql } from 'kysely';
import type { Conn } from '../platform/db/database.js';
import { INDEX_LIMITS } from './search.model.js';

/** Portable SQL of search (the dialect-specific index SQL is in search.index.*.ts). */

/** What indexing reads of an item. */
export interface ItemForIndex {
  id: number;
  org_id: number;
  title: string;
  summary: string | null;
  body_html: string | null;
  doc_number: string | null;
  index_no: string | null;
  status: string;
  attribute: string;
  updated_at: string;
  published_on: string | null;
  column_id: number | null;
  category: string | null;
  doc_type: string | null;
  validity: string | null;
}

/** Several items for indexing, in one query. */
export async function findItemsForIndex(conn: Conn, ids: number[]): Promise<ItemForIndex[]> {
  if (ids.length === 0) return [];
  return conn
    .selectFrom('items')
    .select([
      'id',
      'org_id',
      'title',
      'summary',
      'body_html',
      'doc_number',
      'index_no',
      'status',
      'attribute',
      'updated_at',
      'published_on',
      'column_id',
      'category',
      'doc_type',
      'validity',
    ])
    .where('id', 'in', ids)
    .execute();
}

/** Extracted text of some items' attachments (each cut to the index limit), by item, in one query. */
export async function attachmentTextsOf(
  conn: Conn,
  itemIds: number[],
  maxChars = INDEX_LIMITS.attachments,
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (itemIds.length === 0) return out;
  const rows = await conn
    .selectFrom('attachments')
    .select(['item_id', sql<string | null>`substr(text_content, 1, ${maxChars})`.as('text')])
    .where('item_id', 'in', itemIds)
    .where('text_content', 'is not', null)
    .orderBy('item_id')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    if (r.item_id === null || !r.text) continue;
    out.set(r.item_id, [...(out.get(r.item_id) ?? []), r.text]);
  }
  return out;
}

/** The newest `updated_at` among items, and among the item versions the index has seen. */
export async function watermarks(
  conn: Conn,
): Promise<{ items: string | null; docs: string | null }> {
  const i = await conn
    .selectFrom('items')
    .select((eb) => eb.fn.max('updated_at').as('m'))
    .executeTakeFirst();
  const d = await conn
    .selectFrom('search_docs')
    .select((eb) => eb.fn.max('item_updated_at').as('m'))
    .executeTakeFirst();
  return { items: (i?.m as string | null) ?? null, docs: (d?.m as string | null) ?? null };
}

/**
 * Items changed since `since` (inclusive, null = ever) whose indexed version differs or that were
 * never indexed, oldest change first.
 */
export async function staleItemIds(
  conn: Conn,
  since: string | null,
  limit: number,
): Promise<number[]> {
  let q = conn
    .selectFrom('items as i')
    .leftJoin('search_docs as d', 'd.item_id', 'i.id')
    .select('i.id')
    .where((eb) =>
      eb.or([eb('d.item_id', 'is', null), eb('d.item_updated_at', '<>', eb.ref('i.updated_at'))]),
    );
  if (since !== null) q = q.where('i.updated_at', '>=', since);
  const rows = await q.orderBy('i.updated_at').orderBy('i.id').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Ids of the items of some orgs (all when null), in id order, after `afterId`. */
export async function itemIdsAfter(
  conn: Conn,
  orgIds: number[] | null,
  afterId: number,
  limit: number,
): Promise<number[]> {
  let q = conn.selectFrom('items').select('id').where('id', '>', afterId);
  if (orgIds) q = q.where('org_id', 'in', orgIds.length ? orgIds : [-1]);
  return (await q.orderBy('id').limit(limit).execute()).map((r) => r.id);
}

export async function countItems(conn: Conn, orgIds: number[] | null): Promise<number> {
  let q = conn.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n'));
  if (orgIds) q = q.where('org_id', 'in', orgIds.length ? orgIds : [-1]);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** What a result shows, with texts for the snippet (cut to the index limits). */
export interface ResultRow {
  id: number;
  org_code: string;
  org_name: string;
  ref: string;
  index_no: string | null;
  title: string;
  doc_number: string | null;
  published_on: string | null;
  summary: string | null;
  body_html: string | null;
}

export async function resultRows(conn: Conn, ids: number[]): Promise<ResultRow[]> {
  if (ids.length === 0) return [];
  return (
    conn
      .selectFrom('items as i')
      .innerJoin('orgs as o', 'o.id', 'i.org_id')
      .select([
        'i.id',
        'o.code as org_code',
        'o.name as org_name',
        'i.ref',
        'i.index_no',
        'i.title',
        'i.doc_number',
        'i.published_on',
        'i.summary',
        sql<string | null>`substr(i.body_html, 1, ${INDEX_LIMITS.body})`.as('body_html'),
      ])
      .where('i.id', 'in', ids)
      // The index holds public items only; checked again here for what is shown.
      .where('i.status', '=', 'published')
      .where('i.attribute', '=', 'active')
      .execute()
  );
}

/** Names of orgs and columns, for facet labels. */
export async function facetLabels(conn: Conn, orgIds: number[], columnIds: number[]) {
  const orgs = orgIds.length
    ? await conn
        .selectFrom('orgs')
        .select(['id', 'code', 'name'])
        .where('id', 'in', orgIds)
        .execute()
    : [];
  const columns = columnIds.length
    ? await conn
        .selectFrom('columns')
        .select(['id', 'code', 'name'])
        .where('id', 'in', columnIds)
        .execute()
    : [];
  return { orgs, columns };
}

export async function findColumnId(
  conn: Conn,
  orgId: number,
  code: string,
): Promise<number | null> {
  const r = await conn
    .selectFrom('columns')
    .select('id')
    .where('org_id', '=', orgId)
    .where('code', '=', code)
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function listWords(conn: Conn) {
  return conn
    .selectFrom('search_words')
    .select(['id', 'word', 'created_at'])
    .orderBy('word')
    .execute();
}

export async function insertWord(conn: Conn, word: string, userId: number | null, at: string) {
  await conn
    .insertInto('search_words')
    .values({ word, created_by: userId, created_at: at })
    .onConflict((oc) => oc.column('word').doNothing())
    .execute();
}

export async function deleteWord(conn: Conn, id: number): Promise<void> {
  await conn.deleteFrom('search_words').where('id', '=', id).execute();
}

/** Start of the attachment text of some items (for snippets of attachment-only matches). */
export async function attachmentStarts(
  conn: Conn,
  itemIds: number[],
  maxChars = 5000,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (itemIds.length === 0) return out;
  const rows = await conn
    .selectFrom('attachments')
    .select(['item_id', sql<string | null>`substr(text_content, 1, ${maxChars})`.as('text')])
    .where('item_id', 'in', itemIds)
    .where('text_content', 'is not', null)
    .orderBy('id')
    .execute();
  for (const r of rows) {
    if (r.item_id === null || !r.text) continue;
    out.set(r.item_id, `${out.get(r.item_id) ?? ''}\n${r.text}`);
  }
  return out;
}
