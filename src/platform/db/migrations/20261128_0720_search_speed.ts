import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.js';

/**
 * Search speed (issue 6): the filter and facet columns of an item are copied into `search_docs`
 * when it is indexed (in the catalogue's own transaction), so a query ranks, filters and counts
 * facets from `search_docs` alone, without joining `items` for every match. On PostgreSQL a
 * small `head` tsvector (title, 文号 and 索引号 only) ranks the matches cheaply; the full `tsv`
 * only re-ranks a bounded candidate set.
 */
const COLUMNS = [
  ['published_on', 'text'],
  ['column_id', 'integer'],
  ['category', 'text'],
  ['doc_type', 'text'],
  ['validity', 'text'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<unknown> passes here
  const dialect = dialectOf(db as any);
  for (const [name, type] of COLUMNS)
    await db.schema.alterTable('search_docs').addColumn(name, type).execute();
  // Existing entries: copied once from their items.
  for (const [name] of COLUMNS)
    await sql`UPDATE search_docs SET ${sql.ref(name)} =
      (SELECT ${sql.ref(`items.${name}`)} FROM items WHERE items.id = search_docs.item_id)`.execute(
      db,
    );
  if (dialect === 'postgres') {
    await sql`ALTER TABLE search_docs ADD COLUMN head tsvector`.execute(db);
    // Keep rows small so that scanning the matches reads little: the full tsv moves to TOAST
    // (it is read only to re-rank a few candidates), the small head stays in the row.
    await sql`ALTER TABLE search_docs ALTER COLUMN head SET STORAGE MAIN`.execute(db);
    await sql`ALTER TABLE search_docs SET (toast_tuple_target = 256)`.execute(db);
    // Entries indexed before this migration have no head: `gongkai search reindex` fills it;
    // until then they rank after the others but are still found and counted.
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<unknown> passes here
  if (dialectOf(db as any) === 'postgres')
    await sql`ALTER TABLE search_docs DROP COLUMN head`.execute(db);
  for (const [name] of [...COLUMNS].reverse())
    await db.schema.alterTable('search_docs').dropColumn(name).execute();
}
