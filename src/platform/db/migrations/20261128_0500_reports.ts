import type { Kysely } from 'kysely';
import { withId } from '../migration-helpers.js';

/**
 * Annual reports (条例第四十九条、第五十条; issue 5): figures from other systems per org and year
 * (`annual_figures`, EXCHANGE.md §1.5: table 二 第（五）（六）（八）项 entered by staff, or whole
 * reports published before the platform was used), and the reports themselves, one row per
 * revision (draft → submitted → published; an amendment is a new revision, the old stays).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('annual_figures'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('annual_figures_org_year_source_uq', ['org_id', 'year', 'source'])
    .execute();

  await withId(db, db.schema.createTable('annual_reports'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('acknowledgements', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addColumn('published_at', 'text')
    .addColumn('published_on', 'text')
    .addUniqueConstraint('annual_reports_org_year_revision_uq', ['org_id', 'year', 'revision'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('annual_reports').execute();
  await db.schema.dropTable('annual_figures').execute();
}
