import type { Kysely } from 'kysely';
import { withId } from '../migration-helpers.js';

/**
 * Link checks (issue 7, REGULATIONS.md §7.3 链接可用性): one row per crawl of an org's portal with
 * its totals (broken links on 首页 and 其他页面 apart), and the broken links it found.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('link_check_runs'))
    .addColumn('org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('start_url', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('links', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('broken_on_home', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('broken_on_other_pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('link_check_runs_org_idx')
    .on('link_check_runs')
    .columns(['org_id', 'started_at'])
    .execute();

  await withId(db, db.schema.createTable('link_check_findings'))
    .addColumn('run_id', 'integer', (c) =>
      c.notNull().references('link_check_runs.id').onDelete('cascade'),
    )
    .addColumn('page', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('on_home', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('link_check_findings_run_idx')
    .on('link_check_findings')
    .column('run_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('link_check_findings').execute();
  await db.schema.dropTable('link_check_runs').execute();
}
