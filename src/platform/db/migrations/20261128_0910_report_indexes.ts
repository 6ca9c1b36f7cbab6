import { sql, type Kysely } from 'kysely';

/**
 * The annual report's text states how many answers of the year were overdue (条例第三十三条):
 * a count of an org's applications concluded in the year after their reply was due. Without this
 * index the count read every application row of the org; with it the count is served from the
 * covering index (org, concluded_on, reply_due_on, received_on).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('applications_org_concluded_idx')
    .on('applications')
    .columns(['org_id', 'concluded_on', 'reply_due_on', 'received_on'])
    .execute();
  // Statistics for the new index: without them SQLite takes it as selective on a database analysed
  // before, and the case list falls back to a full sort (see 0900).
  await sql`ANALYZE applications`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('applications_org_concluded_idx').execute();
}
