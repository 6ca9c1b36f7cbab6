import type { AppContext } from '../platform/context.js';
import type { Conn } from '../platform/db/database.js';
import { isoNow } from '../platform/time.js';
import { extractPending } from './search.extract.js';
import { indexFor } from './search.index.js';
import { INDEX_LIMITS, type DocEntry, type IndexedFields } from './search.model.js';
import {
  attachmentTextsOf,
  countItems,
  findItemsForIndex,
  itemIdsAfter,
  staleItemIds,
  watermarks,
  type ItemForIndex,
} from './search.repository.js';
import { indexTokens, numberKey, type Segmenter } from './search.segment.js';
import { htmlToText } from './search.text.js';
import { segmenterFor } from './search.vocabulary.js';

/**
 * Keeping the index in step with the catalogue (issue 6). The catalogue calls `indexItem` in
 * the transaction that publishes, edits or withdraws an item (workflow.service.ts,
 * items.service.ts, and the exchange import with `indexItems`), so a search never lags behind a
 * change and never pays for catching up. The `search.sync` job is a repair pass: it extracts
 * attachment text and re-indexes items changed since the newest version the index has seen
 * (anything written to `items` by other means, e.g. the demo seed).
 */

/** Whether an item may be found: published and 主动公开. */
export function isPublic(item: { status: string; attribute: string }): boolean {
  return item.status === 'published' && item.attribute === 'active';
}

/** The tokens of an item, field by field. */
export function fieldsOf(seg: Segmenter, item: ItemForIndex, attachments: string[]): IndexedFields {
  return {
    title: indexTokens(seg, item.title),
    numbers: [...indexTokens(seg, item.doc_number), ...indexTokens(seg, item.index_no)],
    summary: indexTokens(seg, item.summary),
    body: indexTokens(seg, htmlToText(item.body_html).slice(0, INDEX_LIMITS.body)),
    attachments: indexTokens(seg, attachments.join('\n').slice(0, INDEX_LIMITS.attachments)),
  };
}

/** The index entry of a loaded item: its row, and its tokens when public. */
function entryOf(
  seg: Segmenter,
  item: ItemForIndex,
  attachments: string[],
  indexedAt: string,
): DocEntry {
  const isIn = isPublic(item);
  return {
    doc: {
      item_id: item.id,
      org_id: item.org_id,
      doc_number_key: item.doc_number ? numberKey(item.doc_number) : null,
      index_no_key: item.index_no ? numberKey(item.index_no) : null,
      item_updated_at: item.updated_at,
      in_index: isIn ? 1 : 0,
      indexed_at: indexedAt,
      published_on: item.published_on,
      column_id: item.column_id,
      category: item.category,
      doc_type: item.doc_type,
      validity: item.validity,
    },
    fields: isIn ? fieldsOf(seg, item, attachments) : null,
  };
}

/**
 * Brings items' index entries up to date inside the caller's transaction: indexed when public,
 * out of the index otherwise (draft, withdrawn, 依申请公开, 不予公开), removed when deleted.
 */
export async function indexItems(ctx: AppContext, conn: Conn, itemIds: number[]): Promise<void> {
  await writePrepared(conn, await prepare(ctx, conn, itemIds));
}

/** Items read and segmented, ready to write; `missing`: ids of items that no longer exist. */
interface Prepared {
  entries: DocEntry[];
  missing: number[];
}

async function prepare(ctx: AppContext, conn: Conn, itemIds: number[]): Promise<Prepared> {
  if (itemIds.length === 0) return { entries: [], missing: [] };
  const seg = await segmenterFor(conn);
  const found = await findItemsForIndex(conn, itemIds);
  const texts = await attachmentTextsOf(
    conn,
    found.filter(isPublic).map((i) => i.id),
  );
  const at = isoNow(ctx.now());
  const missing = new Set(itemIds);
  for (const item of found) missing.delete(item.id);
  return {
    entries: found.map((item) => entryOf(seg, item, texts.get(item.id) ?? [], at)),
    missing: [...missing],
  };
}

async function writePrepared(conn: Conn, p: Prepared): Promise<void> {
  const index = indexFor(conn);
  if (p.entries.length) await index.write(conn, p.entries);
  for (const id of p.missing) await index.remove(conn, id);
}

/** Brings one item's index entry up to date inside the caller's transaction. */
export async function indexItem(ctx: AppContext, conn: Conn, itemId: number): Promise<void> {
  await indexItems(ctx, conn, [itemId]);
}

/** Indexes a batch of items in one transaction of its own. */
async function indexAll(ctx: AppContext, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await ctx.db.transaction().execute((trx) => indexItems(ctx, trx, ids));
}

/** Most items one repair pass indexes. */
const REPAIR_BATCH = 500;

/**
 * The job's repair pass: extract pending attachment text and re-index those items, then index
 * items changed since the newest version the index has seen (one indexed `max(updated_at)`
 * lookup on each side when nothing changed).
 */
export async function syncSweep(ctx: AppContext, batch = REPAIR_BATCH): Promise<number> {
  const fromAttachments = await extractPending(ctx);
  await indexAll(ctx, fromAttachments);
  const w = await watermarks(ctx.db);
  if (w.items === null || (w.docs !== null && w.items <= w.docs)) return fromAttachments.length;
  const stale = await staleItemIds(ctx.db, w.docs, batch);
  await indexAll(ctx, stale);
  return fromAttachments.length + stale.length;
}

/**
 * Rebuilds the index of some orgs' items (all when null), in batches, reporting progress.
 * A rebuild of everything loads the rows first and builds PostgreSQL's GIN index once at the
 * end (searches still work meanwhile, more slowly); an org's rebuild keeps the index, and
 * items not yet re-indexed keep their old entries.
 */
export async function reindex(
  ctx: AppContext,
  orgIds: number[] | null,
  progress: (done: number, total: number) => void = () => {},
  batch = 1000,
): Promise<number> {
  const total = await countItems(ctx.db, orgIds);
  const index = indexFor(ctx.db);
  const bulk = orgIds === null;
  let done = 0;
  let after = 0;
  progress(0, total);
  if (bulk) await index.beginBulk(ctx.db);
  // A pipeline: the next batch is read and segmented here while the database writes the last.
  let writing: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      const ids = await itemIdsAfter(ctx.db, orgIds, after, batch);
      if (ids.length === 0) break;
      const prepared = await prepare(ctx, ctx.db, ids);
      await writing;
      writing = ctx.db.transaction().execute((trx) => writePrepared(trx, prepared));
      writing.catch(() => {}); // awaited below; a failure stops the rebuild there
      done += ids.length;
      after = ids.at(-1) ?? after;
      progress(done, total);
    }
    await writing;
  } finally {
    if (bulk) await index.endBulk(ctx.db);
  }
  return done;
}
