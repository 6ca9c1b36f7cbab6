import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Conn } from '../../platform/db/database.js';
import type { ItemsTable } from '../../platform/db/schema.js';
import type { ItemRecord } from './items.schema.js';

/**
 * Mapping between `items[]` records (EXCHANGE.md §1.2) and rows of the items table, and the
 * version snapshot kept for every imported change.
 */

export type ItemRow = Selectable<ItemsTable>;

/** The exchange record of a stored item: every field of §1.2, nothing platform-only. */
export function recordFromRow(row: ItemRow, orgCode: string): ItemRecord {
  return {
    org: orgCode,
    ref: row.ref,
    index_no: row.index_no,
    title: row.title,
    summary: row.summary,
    body_html: row.body_html,
    category: row.category,
    doc_type: row.doc_type as ItemRecord['doc_type'],
    doc_number: row.doc_number,
    formed_on: row.formed_on,
    published_on: row.published_on,
    channels: parseChannels(row.channels),
    validity: row.validity as ItemRecord['validity'],
    abolished_on: row.abolished_on,
    interprets: row.interprets_ref,
    attribute: row.attribute as ItemRecord['attribute'],
    attribute_reason: row.attribute_reason,
  };
}

/** The stored JSON array of channels. */
export function parseChannels(json: string): ItemRecord['channels'] {
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? (v as ItemRecord['channels']) : [];
}

/**
 * Status an imported record gets: published when it has a 发布日期 and is 主动公开, else draft.
 * A withdrawn item stays withdrawn: an import never republishes what staff took down.
 */
export function importedStatus(r: ItemRecord, stored: string | null): string {
  if (stored === 'withdrawn') return 'withdrawn';
  return r.published_on !== null && r.attribute === 'active' ? 'published' : 'draft';
}

/** The item columns written from a record (without org, ref, status and bookkeeping). */
export function rowValuesOf(r: ItemRecord) {
  return {
    index_no: r.index_no,
    title: r.title,
    summary: r.summary,
    body_html: r.body_html,
    category: r.category,
    doc_type: r.doc_type,
    doc_number: r.doc_number,
    formed_on: r.formed_on,
    published_on: r.published_on,
    channels: JSON.stringify(r.channels),
    validity: r.validity,
    abolished_on: r.abolished_on,
    interprets_ref: r.interprets,
    attribute: r.attribute,
    attribute_reason: r.attribute_reason,
  };
}

/** Platform-only columns of a new item that no exchange field sets. */
export function platformDefaults() {
  return {
    rereview_on: null,
    topic: null,
    genre: null,
    keywords: null,
    disclosure_mode: null,
    review_level: 0,
    scheduled_at: null,
    author_id: null,
    change_note: null,
    withdrawn_on: null,
    withdrawal_reason: null,
  };
}

/** What the audit log keeps of a record: every field, the body by its SHA-256 digest. */
export function auditViewOf(r: ItemRecord): Record<string, unknown> {
  const { body_html, ...rest } = r;
  return {
    ...rest,
    body_sha256: body_html === null ? null : createHash('sha256').update(body_html).digest('hex'),
  };
}

/** The version snapshot of a record (catalogue versions.model SNAPSHOT_FIELDS). */
export function snapshotOf(r: ItemRecord, columnName: string | null): string {
  return JSON.stringify({
    title: r.title,
    summary: r.summary,
    column: columnName,
    doc_number: r.doc_number,
    formed_on: r.formed_on,
    published_on: r.published_on,
    topic: null,
    genre: null,
    keywords: null,
    doc_type: r.doc_type,
    validity: r.validity,
    abolished_on: r.abolished_on,
    disclosure_mode: null,
    attribute: r.attribute,
    attribute_reason: r.attribute_reason,
    channels: r.channels.join(','),
    interprets_ref: r.interprets,
    attachments: null,
    body_html: r.body_html,
  });
}

/** Runs `fn` over `values` in chunks (keeps IN lists and bulk inserts under parameter limits). */
export async function inChunks<T>(
  values: readonly T[],
  size: number,
  fn: (chunk: T[]) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < values.length; i += size) await fn(values.slice(i, i + size));
}

/** Stored items of an org with the given refs. */
export async function itemsByRefs(conn: Conn, orgId: number, refs: string[]): Promise<ItemRow[]> {
  const out: ItemRow[] = [];
  await inChunks([...new Set(refs)], 500, async (chunk) => {
    out.push(
      ...(await conn
        .selectFrom('items')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('ref', 'in', chunk)
        .execute()),
    );
  });
  return out;
}

/** Stored items holding any of the given 索引号 (unique across the platform). */
export async function itemsByIndexNos(
  conn: Conn,
  indexNos: string[],
): Promise<Array<{ org_id: number; ref: string; index_no: string | null }>> {
  const out: Array<{ org_id: number; ref: string; index_no: string | null }> = [];
  await inChunks([...new Set(indexNos)], 500, async (chunk) => {
    out.push(
      ...(await conn
        .selectFrom('items')
        .select(['org_id', 'ref', 'index_no'])
        .where('index_no', 'in', chunk)
        .execute()),
    );
  });
  return out;
}
