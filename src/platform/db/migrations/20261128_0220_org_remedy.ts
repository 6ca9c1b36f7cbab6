import type { Kysely } from 'kysely';

/**
 * Per-org letter settings (issue 4): the 行政复议机关 and 人民法院 named in the 救济途径 of reply
 * letters (条例第五十一条), and the prefix of letter numbers (瓯府信公〔2026〕第…号). Null means
 * the letters use a generic wording until an administrator sets them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orgs').addColumn('review_body', 'text').execute();
  await db.schema.alterTable('orgs').addColumn('court', 'text').execute();
  await db.schema.alterTable('orgs').addColumn('letter_prefix', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orgs').dropColumn('letter_prefix').execute();
  await db.schema.alterTable('orgs').dropColumn('court').execute();
  await db.schema.alterTable('orgs').dropColumn('review_body').execute();
}
