import type { Kysely } from 'kysely';

/**
 * TOTP replay protection (ASVS 2.8.4, issue 8): the time step of the last code a user signed in
 * with; a code of that step or an earlier one is refused, so an observed code cannot be reused
 * within its validity window.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute();
}
