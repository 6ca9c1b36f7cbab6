import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.js';

/**
 * Search index build speed (issue 6): on PostgreSQL the full token vector (`tsv`) is stored out
 * of line without compression (STORAGE EXTERNAL). A tsvector is sorted lexemes and rising
 * positions, which pglz does not shrink by the quarter it requires: on the 100,000-item bench
 * dataset it compressed none of the values, and trying took a tenth of PostgreSQL's work in a
 * full rebuild. The table's size is unchanged; re-ranking reads the values without
 * decompressing. Values written before keep their form until rewritten.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<unknown> passes here
  if (dialectOf(db as any) !== 'postgres') return;
  await sql`ALTER TABLE search_docs ALTER COLUMN tsv SET STORAGE EXTERNAL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<unknown> passes here
  if (dialectOf(db as any) !== 'postgres') return;
  await sql`ALTER TABLE search_docs ALTER COLUMN tsv SET STORAGE EXTENDED`.execute(db);
}
