import { sql, type Kysely } from 'kysely';
import { withId } from '../migration-helpers.js';

/**
 * The pre-publication content gate (issue 7, REGULATIONS.md §7.4–§7.6): the stored whitelist of
 * false positives (per org, or platform-wide with org_id null; rule null = any rule) fed by
 * 「忽略」 on a content finding, and the reviewers' clearances of blocking findings per item
 * version (a reason is mandatory).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('content_whitelist'))
    .addColumn('org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('rule', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // NULLs are distinct in unique indexes on both databases: index the coalesced values.
  await sql`create unique index content_whitelist_key_idx on content_whitelist (coalesce(org_id, 0), text, coalesce(rule, ''))`.execute(
    db,
  );

  await withId(db, db.schema.createTable('item_check_clearances'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('cleared_by', 'integer', (c) => c.references('users.id'))
    .addColumn('cleared_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('item_check_clearances_item_idx')
    .on('item_check_clearances')
    .columns(['item_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('item_check_clearances').execute();
  await db.schema.dropTable('content_whitelist').execute();
}
