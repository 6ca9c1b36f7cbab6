import type { Kysely } from 'kysely';
import { withId } from '../migration-helpers.js';

/**
 * In-app reminders of 依申请公开 cases (REGULATIONS.md §4.8: reminders a configurable number of
 * working days before the due date). One row per case, kind and day, so the daily job is
 * idempotent; the dashboard shows the latest day's rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('request_reminders'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('application_id', 'integer', (c) =>
      c.notNull().references('applications.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('for_date', 'text', (c) => c.notNull())
    .addColumn('assigned_to', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('request_reminders_unique', ['application_id', 'kind', 'for_date'])
    .execute();
  await db.schema
    .createIndex('request_reminders_org_idx')
    .on('request_reminders')
    .columns(['org_id', 'for_date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('request_reminders').execute();
}
