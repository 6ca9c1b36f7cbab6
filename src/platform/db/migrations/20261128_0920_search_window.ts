import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.js';

/**
 * Search over a large catalogue (issue 6): a query matching more than SEARCH_WINDOW items ranks
 * the newest SEARCH_WINDOW of them. On PostgreSQL the GIN index also carries each item's id
 * bucket (`item_id / 4096`, as a one-element array: GIN's built-in array_ops, no extension), so a
 * query limited to the newest buckets is answered inside the index instead of fetching every
 * match of a common term. Rebuilding the index of a large catalogue takes minutes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<unknown> passes here
  if (dialectOf(db as any) !== 'postgres') return;
  await sql`DROP INDEX IF EXISTS search_docs_tsv_idx`.execute(db);
  await sql`CREATE INDEX search_docs_tsv_idx ON search_docs
    USING gin (tsv, (ARRAY[item_id / 4096]))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<unknown> passes here
  if (dialectOf(db as any) !== 'postgres') return;
  await sql`DROP INDEX IF EXISTS search_docs_tsv_idx`.execute(db);
  await sql`CREATE INDEX search_docs_tsv_idx ON search_docs USING gin (tsv)`.execute(db);
}
