import type { Kysely } from 'kysely';

/**
 * The interpretations of a policy (政策解读, items.interprets_ref) are looked up on every item page
 * of the portal; without this index each uncached page scanned all of the org's items.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('items_interprets_idx')
    .on('items')
    .columns(['org_id', 'interprets_ref'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('items_interprets_idx').execute();
}
