import type { AppContext } from '../platform/context.js';
import type { Conn } from '../platform/db/database.js';
import { isoNow } from '../platform/time.js';
import { extractPending } from './search.extract.js';
import { indexFor } from './search.index.js';
import { INDEX_LIMITS, type IndexedFields } from './search.model.js';
import {
  attachmentTexts,
  countItems,
  deleteDoc,
  findItemForIndex,
  findItemsForIndex,
  itemIdsAfter,
  staleItemIds,
  upsertDoc,
  watermarks,
  type ItemForIndex,
} from './search.repository.js';
import { indexTokens, numberKey, type Segmenter } from './search.segment.js';
import { htmlToText } from './search.text.js';
import { segmenterFor } from './search.vocabulary.js';

/**
 * Keeping the index in step with the catalogue (issue 6). The catalogue calls `indexItem` in
 * the transaction that publishes, edits or withdraws an item; independently of that, every
 * search first indexes items changed since the newest version the index has seen
 * (`ensureFresh`), and the `search.sync` job sweeps for anything missed and extracts
 * attachment text. Visibility is checked against `items` at query time in any case.
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

/**
 * Brings one item's index entry up to date inside the caller's transaction: indexed when public,
 * removed otherwise (draft, withdrawn, 依申请公开, 不予公开, deleted).
 */
export async function indexItem(ctx: AppContext, conn: Conn, itemId: number): Promise<void> {
  const item = await findItemForIndex(conn, itemId);
  if (!item) {
    await indexFor(conn).remove(conn, itemId);
    await deleteDoc(conn, itemId);
    return;
  }
  await indexLoaded(ctx, conn, await segmenterFor(conn), item);
}

async function indexLoaded(
  ctx: AppContext,
  conn: Conn,
  seg: Segmenter,
  item: ItemForIndex,
): Promise<void> {
  const index = indexFor(conn);
  const isIn = isPublic(item);
  // The row first: the PostgreSQL index lives in it.
  await upsertDoc(conn, {
    item_id: item.id,
    org_id: item.org_id,
    doc_number_key: item.doc_number ? numberKey(item.doc_number) : null,
    index_no_key: item.index_no ? numberKey(item.index_no) : null,
    item_updated_at: item.updated_at,
    in_index: isIn ? 1 : 0,
    indexed_at: isoNow(ctx.now()),
  });
  if (isIn)
    await index.upsert(conn, item.id, fieldsOf(seg, item, await attachmentTexts(conn, item.id)));
  else await index.remove(conn, item.id);
}

/** Takes an item out of the index (withdrawal); same as indexItem for a non-public item. */
export const removeItem = indexItem;

/** One name for both: the catalogue may call this after any change. */
export const syncItemIndex = indexItem;

/** Indexes a batch of items in one transaction, reading them in one query. */
async function indexAll(ctx: AppContext, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await ctx.db.transaction().execute(async (trx) => {
    const seg = await segmenterFor(trx);
    const found = await findItemsForIndex(trx, ids);
    for (const item of found) await indexLoaded(ctx, trx, seg, item);
    const missing = new Set(ids);
    for (const item of found) missing.delete(item.id);
    for (const id of missing) await indexItem(ctx, trx, id);
  });
}

const lastCheck = new WeakMap<AppContext, number>();
/** Minimum interval between two freshness checks of one process, in milliseconds. */
const FRESH_CHECK_MS = 200;
/** Most items indexed by one search; a bulk import is left to the job and `search reindex`. */
const FRESH_BATCH = 200;

/** Indexes items changed since the newest indexed version (cheap when nothing changed). */
export async function ensureFresh(ctx: AppContext): Promise<number> {
  const now = Date.now();
  if (now - (lastCheck.get(ctx) ?? 0) < FRESH_CHECK_MS) return 0;
  lastCheck.set(ctx, now);
  const w = await watermarks(ctx.db);
  if (w.items === null || (w.docs !== null && w.items <= w.docs)) return 0;
  const ids = await staleItemIds(ctx.db, w.docs, FRESH_BATCH);
  await indexAll(ctx, ids);
  return ids.length;
}

/**
 * The job's sweep: extract pending attachment text and re-index those items, then index any item
 * whose indexed version differs from its current one (missed by the other paths).
 */
export async function syncSweep(ctx: AppContext, batch = 500): Promise<number> {
  const fromAttachments = await extractPending(ctx);
  await indexAll(ctx, fromAttachments);
  const stale = await staleItemIds(ctx.db, null, batch);
  await indexAll(ctx, stale);
  return fromAttachments.length + stale.length;
}

/**
 * Rebuilds the index of some orgs' items (all when null), in batches, reporting progress.
 * Searches keep working meanwhile: items not yet re-indexed keep their old entries.
 */
export async function reindex(
  ctx: AppContext,
  orgIds: number[] | null,
  progress: (done: number, total: number) => void = () => {},
  batch = 500,
): Promise<number> {
  const total = await countItems(ctx.db, orgIds);
  let done = 0;
  let after = 0;
  progress(0, total);
  for (;;) {
    const ids = await itemIdsAfter(ctx.db, orgIds, after, batch);
    if (ids.length === 0) break;
    await indexAll(ctx, ids);
    done += ids.length;
    after = ids.at(-1) ?? after;
    progress(done, total);
  }
  return done;
}
