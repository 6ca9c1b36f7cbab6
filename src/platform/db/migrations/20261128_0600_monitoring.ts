import type { Kysely } from 'kysely';
import { withId } from '../migration-helpers.js';

/**
 * Monitoring and rectification (issue 7, REGULATIONS.md §7): findings of every monitor (stale and
 * blank columns, home page not updated, unconfirmed 公开指南 and contact data, late publication,
 * 行政规范性文件 without interpretation, 不予公开 past re-review, overdue applications, 政务新媒体
 * not updated, broken links, content checks). A finding is also the rectification task: it has an
 * owner, a due date and a status; its history is in monitor_finding_events. Also the register of
 * 政务新媒体 accounts, spot checks (抽查) with their sampled items, and scan runs with progress.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orgs').addColumn('guide_confirmed_on', 'text').execute();
  await db.schema.alterTable('orgs').addColumn('contact_person', 'text').execute();

  await withId(db, db.schema.createTable('monitor_findings'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('column_id', 'integer', (c) => c.references('columns.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
    .addColumn('due_on', 'text')
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('monitor_findings_org_idx')
    .on('monitor_findings')
    .columns(['org_id', 'status', 'kind'])
    .execute();
  await db.schema
    .createIndex('monitor_findings_seen_idx')
    .on('monitor_findings')
    .columns(['org_id', 'first_seen_at'])
    .execute();

  await withId(db, db.schema.createTable('monitor_finding_events'))
    .addColumn('finding_id', 'integer', (c) =>
      c.notNull().references('monitor_findings.id').onDelete('cascade'),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('monitor_finding_events_finding_idx')
    .on('monitor_finding_events')
    .column('finding_id')
    .execute();

  await withId(db, db.schema.createTable('monitor_scans'))
    .addColumn('org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute();

  await withId(db, db.schema.createTable('new_media_accounts'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('merged_into', 'text')
    .addColumn('url', 'text')
    .addColumn('last_update_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('new_media_accounts_org_idx')
    .on('new_media_accounts')
    .columns(['org_id', 'platform', 'name'])
    .unique()
    .execute();

  await withId(db, db.schema.createTable('spot_checks'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('sample_size', 'integer', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();

  await withId(db, db.schema.createTable('spot_check_items'))
    .addColumn('spot_check_id', 'integer', (c) =>
      c.notNull().references('spot_checks.id').onDelete('cascade'),
    )
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('column_id', 'integer', (c) => c.references('columns.id'))
    .addColumn('result', 'text')
    .addColumn('checklist', 'text')
    .addColumn('note', 'text')
    .addColumn('checked_by', 'integer', (c) => c.references('users.id'))
    .addColumn('checked_at', 'text')
    .execute();
  await db.schema
    .createIndex('spot_check_items_check_idx')
    .on('spot_check_items')
    .column('spot_check_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('spot_check_items').execute();
  await db.schema.dropTable('spot_checks').execute();
  await db.schema.dropTable('new_media_accounts').execute();
  await db.schema.dropTable('monitor_scans').execute();
  await db.schema.dropTable('monitor_finding_events').execute();
  await db.schema.dropTable('monitor_findings').execute();
  await db.schema.alterTable('orgs').dropColumn('contact_person').execute();
  await db.schema.alterTable('orgs').dropColumn('guide_confirmed_on').execute();
}
