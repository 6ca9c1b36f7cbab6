import type { Kysely } from 'kysely';
import { dialectOf } from '../database.js';
import { withId } from '../migration-helpers.js';

/**
 * 主动公开 catalogue: columns (栏目) of each org, information items with their government
 * metadata (REGULATIONS.md §3.4), versions, review decisions and attachments.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<unknown> passes here
  const binary = dialectOf(db as any) === 'postgres' ? 'bytea' : 'blob';

  await withId(db, db.schema.createTable('columns'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('columns.id'))
    .addColumn('category', 'text')
    .addColumn('update_class', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('review_levels', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_system', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('columns_org_code_unique', ['org_id', 'code'])
    .execute();

  await withId(db, db.schema.createTable('items'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('index_no', 'text', (c) => c.unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('body_html', 'text')
    .addColumn('column_id', 'integer', (c) => c.references('columns.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('formed_on', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text')
    .addColumn('channels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('validity', 'text')
    .addColumn('abolished_on', 'text')
    .addColumn('interprets_ref', 'text')
    .addColumn('attribute', 'text', (c) => c.notNull())
    .addColumn('attribute_reason', 'text')
    .addColumn('rereview_on', 'text')
    .addColumn('topic', 'text')
    .addColumn('genre', 'text')
    .addColumn('keywords', 'text')
    .addColumn('disclosure_mode', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('review_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scheduled_at', 'text')
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('change_note', 'text')
    .addColumn('withdrawn_on', 'text')
    .addColumn('withdrawal_reason', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('items_org_ref_unique', ['org_id', 'ref'])
    .execute();
  await db.schema
    .createIndex('items_org_status_pub_idx')
    .on('items')
    .columns(['org_id', 'status', 'published_on'])
    .execute();
  await db.schema
    .createIndex('items_column_pub_idx')
    .on('items')
    .columns(['column_id', 'status', 'published_on'])
    .execute();
  await db.schema
    .createIndex('items_org_docnum_idx')
    .on('items')
    .columns(['org_id', 'doc_number'])
    .execute();
  await db.schema
    .createIndex('items_org_formed_idx')
    .on('items')
    .columns(['org_id', 'doc_type', 'formed_on'])
    .execute();

  await withId(db, db.schema.createTable('item_versions'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text')
    .addColumn('author_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('item_versions_unique', ['item_id', 'version'])
    .execute();

  await withId(db, db.schema.createTable('item_reviews'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('reviewer_id', 'integer', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('item_reviews_item_idx')
    .on('item_reviews')
    .column('item_id')
    .execute();

  await withId(db, db.schema.createTable('attachments'))
    .addColumn('item_id', 'integer', (c) => c.references('items.id').onDelete('cascade'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage', 'text', (c) => c.notNull())
    .addColumn('data', binary)
    .addColumn('text_content', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_item_idx').on('attachments').column('item_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['attachments', 'item_reviews', 'item_versions', 'items', 'columns']) {
    await db.schema.dropTable(t).execute();
  }
}
