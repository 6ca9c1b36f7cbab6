import type { Kysely } from 'kysely';
import { dialectOf } from '../database.js';
import { withId } from '../migration-helpers.js';

/**
 * 依申请公开: applications (personal fields SM4-encrypted, ID numbers findable by keyed hash),
 * their events (the statutory clock is computed from them), notes, letters and their templates,
 * files, and 行政复议 / 行政诉讼 cases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<unknown> passes here
  const binary = dialectOf(db as any) === 'postgres' ? 'bytea' : 'blob';

  await withId(db, db.schema.createTable('applications'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('ref', 'text', (c) => c.notNull().unique())
    .addColumn('query_code_hash', 'text')
    .addColumn('submission_token', 'text', (c) => c.unique())
    .addColumn('applicant_type', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_id_type', 'text')
    .addColumn('applicant_id_number', 'text')
    .addColumn('applicant_id_hash', 'text')
    .addColumn('applicant_contact_hash', 'text')
    .addColumn('applicant_phone', 'text')
    .addColumn('applicant_email', 'text')
    .addColumn('applicant_address', 'text')
    .addColumn('applicant_postcode', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('help_needed', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assigned_to', 'integer', (c) => c.references('users.id'))
    .addColumn('reply_due_on', 'text')
    .addColumn('correction_notice_due_on', 'text')
    .addColumn('paused_working_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outcome', 'text')
    .addColumn('legal_basis', 'text')
    .addColumn('concluded_on', 'text')
    .addColumn('entered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('applications_org_status_idx')
    .on('applications')
    .columns(['org_id', 'status', 'reply_due_on'])
    .execute();
  await db.schema
    .createIndex('applications_org_received_idx')
    .on('applications')
    .columns(['org_id', 'received_on'])
    .execute();
  await db.schema
    .createIndex('applications_id_hash_idx')
    .on('applications')
    .columns(['org_id', 'applicant_id_hash'])
    .execute();
  await db.schema
    .createIndex('applications_contact_hash_idx')
    .on('applications')
    .columns(['org_id', 'applicant_contact_hash'])
    .execute();

  await withId(db, db.schema.createTable('application_events'))
    .addColumn('application_id', 'integer', (c) =>
      c.notNull().references('applications.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('on', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('actor_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('application_events_seq_unique', ['application_id', 'seq'])
    .execute();

  await withId(db, db.schema.createTable('application_notes'))
    .addColumn('application_id', 'integer', (c) =>
      c.notNull().references('applications.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('letter_templates'))
    .addColumn('org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('letter_templates_unique', ['org_id', 'kind', 'version'])
    .execute();

  await withId(db, db.schema.createTable('letters'))
    .addColumn('application_id', 'integer', (c) =>
      c.notNull().references('applications.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('template_id', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('docx', binary)
    .addColumn('sent_on', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('letters_application_idx')
    .on('letters')
    .column('application_id')
    .execute();

  await withId(db, db.schema.createTable('application_files'))
    .addColumn('application_id', 'integer', (c) =>
      c.notNull().references('applications.id').onDelete('cascade'),
    )
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('data', binary, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('appeals'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('application_id', 'integer', (c) => c.references('applications.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('stage', 'text')
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('result', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('appeals_org_ref_unique', ['org_id', 'ref'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'appeals',
    'application_files',
    'letters',
    'letter_templates',
    'application_notes',
    'application_events',
    'applications',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
