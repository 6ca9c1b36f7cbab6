import type { AppContext } from '../platform/context.js';
import type { Conn } from '../platform/db/database.js';
import { isoNow } from '../platform/time.js';
import { extractPending } from './search.extract.js';
import { fieldsOf } from './search.fields.js';
import { indexFor } from './search.index.js';
import { encodeFields, type IndexTokens } from './search.encode.js';
import type { DocEntry } from './search.model.js';
import {
  attachmentTextsOf,
  countItems,
  findItemsForIndex,
  itemIdsAfter,
  staleItemIds,
  watermarks,
  type ItemForIndex,
} from './search.repository.js';
import { numberKey } from './search.segment.js';
import { segmenterFor } from './search.vocabulary.js';
import { defaultPoolSize, SegmentPool } from './segment-pool.js';

export { fieldsOf } from './search.fields.js';

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

/** The index entry of a loaded item: its row, and its tokens when public (`fields`). */
function entryOf(item: ItemForIndex, tokens: IndexTokens | null, indexedAt: string): DocEntry {
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
    tokens: isIn ? tokens : null,
  };
}

/**
 * Brings items' index entries up to date inside the caller's transaction: indexed when public,
 * out of the index otherwise (draft, withdrawn, 依申请公开, 不予公开), removed when deleted.
 */
export async function indexItems(ctx: AppContext, conn: Conn, itemIds: number[]): Promise<void> {
  await writePrepared(conn, await prepare(ctx, conn, itemIds));
}

/** Items read from the database, not yet segmented. */
interface Loaded {
  found: ItemForIndex[];
  /** The public items among `found`: those to segment. */
  public: ItemForIndex[];
  texts: Map<number, string[]>;
  at: string;
  missing: number[];
}

/** Items read and segmented, ready to write; `missing`: ids of items that no longer exist. */
interface Prepared {
  entries: DocEntry[];
  missing: number[];
}

async function load(ctx: AppContext, conn: Conn, itemIds: number[]): Promise<Loaded> {
  const found = await findItemsForIndex(conn, itemIds);
  const pub = found.filter(isPublic);
  const texts = await attachmentTextsOf(
    conn,
    pub.map((i) => i.id),
  );
  const missing = new Set(itemIds);
  for (const item of found) missing.delete(item.id);
  return { found, public: pub, texts, at: isoNow(ctx.now()), missing: [...missing] };
}

/** The entries of loaded items, given the tokens of the public ones (in `public` order). */
function assemble(l: Loaded, tokens: IndexTokens[]): Prepared {
  const byId = new Map<number, IndexTokens>();
  l.public.forEach((item, i) => {
    const t = tokens[i];
    if (t) byId.set(item.id, t);
  });
  return {
    entries: l.found.map((item) => entryOf(item, byId.get(item.id) ?? null, l.at)),
    missing: l.missing,
  };
}

/** Reads and segments items in this thread (publishing transactions, small rebuilds). */
async function prepare(ctx: AppContext, conn: Conn, itemIds: number[]): Promise<Prepared> {
  if (itemIds.length === 0) return { entries: [], missing: [] };
  const seg = await segmenterFor(conn);
  const { kind } = indexFor(conn);
  const l = await load(ctx, conn, itemIds);
  return assemble(
    l,
    l.public.map((item) => encodeFields(kind, fieldsOf(seg, item, l.texts.get(item.id) ?? []))),
  );
}

/** Segments loaded items in the pool's worker threads. */
async function segmentInPool(pool: SegmentPool, l: Loaded): Promise<Prepared> {
  const tokens = await pool.tokens(
    l.public.map((i) => ({
      title: i.title,
      doc_number: i.doc_number,
      index_no: i.index_no,
      summary: i.summary,
      body_html: i.body_html,
    })),
    l.public.map((i) => l.texts.get(i.id) ?? []),
  );
  return assemble(l, tokens);
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
  await indexFor(ctx.db).maintain(ctx.db);
  const fromAttachments = await extractPending(ctx);
  await indexAll(ctx, fromAttachments);
  const w = await watermarks(ctx.db);
  if (w.items === null || (w.docs !== null && w.items <= w.docs)) return fromAttachments.length;
  const stale = await staleItemIds(ctx.db, w.docs, batch);
  await indexAll(ctx, stale);
  return fromAttachments.length + stale.length;
}

/** Below this many items a rebuild segments in this thread: starting workers costs more. */
export const PARALLEL_MIN_ITEMS = 200;

/**
 * How a rebuild runs: items per batch, segmentation workers (0: in this thread), and what to
 * call when every item is written and a full rebuild finishes its index (PostgreSQL builds the
 * GIN index, SQLite merges its segments: minutes on a large catalogue, without progress).
 */
export interface ReindexOptions {
  batch?: number;
  workers?: number;
  finishing?: () => void;
}

/**
 * Rebuilds the index of some orgs' items (all when null), in batches, reporting progress.
 * A rebuild of everything loads the rows first and builds PostgreSQL's GIN index once at the
 * end (searches still work meanwhile, more slowly); an org's rebuild keeps the index, and
 * items not yet re-indexed keep their old entries. From PARALLEL_MIN_ITEMS items on, the
 * tokens are computed in worker threads (segment-pool.ts) while this thread reads and writes.
 */
export async function reindex(
  ctx: AppContext,
  orgIds: number[] | null,
  progress: (done: number, total: number) => void = () => {},
  options: ReindexOptions | number = {},
): Promise<number> {
  const {
    batch = 1000,
    workers = defaultPoolSize(),
    finishing = () => {},
  } = typeof options === 'number' ? { batch: options } : options;
  const total = await countItems(ctx.db, orgIds);
  const index = indexFor(ctx.db);
  const bulk = orgIds === null;
  progress(0, total);
  const pool =
    total >= PARALLEL_MIN_ITEMS && workers > 0 ? await SegmentPool.open(ctx.db, workers) : null;
  let done = 0;
  let after = 0;
  // A pipeline: while the database writes one batch, the next ones are read here and
  // segmented (by the workers, or here between reads when there is no pool).
  const queue: Promise<Prepared>[] = [];
  const depth = pool ? workers : 0;
  let writing: Promise<void> = Promise.resolve();
  const writeNext = async () => {
    const prepared = await (queue.shift() ?? Promise.resolve({ entries: [], missing: [] }));
    await writing;
    writing = ctx.db.transaction().execute((trx) => writePrepared(trx, prepared));
    writing.catch(() => {}); // awaited later; a failure stops the rebuild there
    done += prepared.entries.length + prepared.missing.length;
    progress(done, total);
  };
  try {
    if (bulk) await index.beginBulk(ctx.db);
    else await index.maintain(ctx.db);
    for (;;) {
      const ids = await itemIdsAfter(ctx.db, orgIds, after, batch);
      if (ids.length === 0) break;
      after = ids.at(-1) ?? after;
      const next = pool
        ? segmentInPool(pool, await load(ctx, ctx.db, ids))
        : prepare(ctx, ctx.db, ids);
      next.catch(() => {}); // awaited in writeNext; a failure stops the rebuild there
      queue.push(next);
      if (queue.length > depth) await writeNext();
    }
    while (queue.length) await writeNext();
    await writing;
    if (bulk) finishing();
  } finally {
    await pool?.close();
    await writing.catch(() => {}); // a write still running when a batch failed
    if (bulk) await index.endBulk(ctx.db);
  }
  return done;
}
