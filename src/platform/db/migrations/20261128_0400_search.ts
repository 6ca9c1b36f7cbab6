import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.js';
import { withId } from '../migration-helpers.js';

/**
 * Full-text search (issue 6): `search_docs` (one row per indexed item: 文号/索引号 keys and the
 * item version indexed), the dialect's index — an FTS5 table on SQLite, a tsvector column with
 * a GIN index on PostgreSQL, both over pre-segmented tokens — and `search_words`, the words
 * administrators add to the segmentation vocabulary.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<unknown> passes here
  const dialect = dialectOf(db as any);
  await db.schema
    .createTable('search_docs')
    .addColumn('item_id', 'integer', (c) =>
      c.primaryKey().references('items.id').onDelete('cascade'),
    )
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('doc_number_key', 'text')
    .addColumn('index_no_key', 'text')
    .addColumn('item_updated_at', 'text', (c) => c.notNull())
    .addColumn('in_index', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('indexed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('search_docs_updated_idx')
    .on('search_docs')
    .column('item_updated_at')
    .execute();
  await db.schema
    .createIndex('search_docs_docnum_idx')
    .on('search_docs')
    .column('doc_number_key')
    .execute();
  await db.schema
    .createIndex('search_docs_indexno_idx')
    .on('search_docs')
    .column('index_no_key')
    .execute();
  await db.schema.createIndex('search_docs_org_idx').on('search_docs').column('org_id').execute();
  // Freshness: the search service looks for items changed since the last one it indexed.
  await db.schema
    .createIndex('search_items_updated_idx')
    .on('items')
    .column('updated_at')
    .execute();

  if (dialect === 'postgres') {
    await sql`ALTER TABLE search_docs ADD COLUMN tsv tsvector`.execute(db);
    await sql`CREATE INDEX search_docs_tsv_idx ON search_docs USING gin (tsv)`.execute(db);
  } else {
    // Contentless: snippets are made from the items themselves; rowid is the item id.
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
      title, numbers, summary, body, attachments,
      content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'
    )`.execute(db);
  }

  await withId(db, db.schema.createTable('search_words'))
    .addColumn('word', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<unknown> passes here
  if (dialectOf(db as any) === 'sqlite') await sql`DROP TABLE search_fts`.execute(db);
  await db.schema.dropIndex('search_items_updated_idx').execute();
  await db.schema.dropTable('search_words').execute();
  await db.schema.dropTable('search_docs').execute();
}
