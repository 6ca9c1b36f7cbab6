import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.js';

/**
 * Portal cache version (issue 3, issue 8): one row, `portal_state`, whose `version` goes up in
 * the same transaction as any change to what the public portal shows (items, columns, orgs,
 * attachments). Every web process polls this row (at most every ~250 ms) and drops its page cache
 * when the version moves, so a publication made by any process is visible everywhere within 1 s.
 *
 * Triggers rather than calls in the services: every write path (the review workflow, scheduled
 * publication, edits, import, the demo seed, column and org settings) is covered, including ones
 * added later. `changed_at` / `prev_changed_at` give pages a Last-Modified that is safe at the
 * one-second precision of HTTP dates.
 *
 * PostgreSQL: a deferred constraint trigger bumps the row once per transaction, at commit, so the
 * row lock is taken last and held only for the commit (no lock-order deadlock with other writers);
 * a TRUNCATE trigger covers bulk resets. SQLite (one writer at a time) has plain row triggers.
 */
const TABLES = ['items', 'columns', 'orgs', 'attachments'] as const;
const OPS = ['insert', 'update', 'delete'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<unknown> passes here
  const dialect = dialectOf(db as any);
  await db.schema
    .createTable('portal_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('prev_changed_at', 'text', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  await sql`INSERT INTO portal_state (id, version, changed_at, prev_changed_at)
    VALUES (1, 1, ${now}, ${now})`.execute(db);

  if (dialect === 'postgres') {
    await sql`CREATE FUNCTION gk_portal_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('gongkai.portal_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('gongkai.portal_bumped', txid_current()::text, true);
    UPDATE portal_state
      SET version = version + 1,
          prev_changed_at = changed_at,
          changed_at = to_char(clock_timestamp() AT TIME ZONE 'UTC',
                               'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      WHERE id = 1;
  END IF;
  RETURN NULL;
END
$$`.execute(db);
    for (const t of TABLES) {
      await sql`CREATE CONSTRAINT TRIGGER ${sql.raw(`gk_portal_${t}`)}
        AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(t)}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION gk_portal_bump()`.execute(db);
      await sql`CREATE TRIGGER ${sql.raw(`gk_portal_${t}_truncate`)}
        AFTER TRUNCATE ON ${sql.table(t)}
        FOR EACH STATEMENT EXECUTE FUNCTION gk_portal_bump()`.execute(db);
    }
    return;
  }
  for (const t of TABLES) {
    for (const op of OPS) {
      await sql`CREATE TRIGGER ${sql.raw(`gk_portal_${t}_${op}`)}
        AFTER ${sql.raw(op.toUpperCase())} ON ${sql.table(t)}
        BEGIN
          UPDATE portal_state
            SET version = version + 1,
                prev_changed_at = changed_at,
                changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            WHERE id = 1;
        END`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<unknown> passes here
  const dialect = dialectOf(db as any);
  if (dialect === 'postgres') {
    for (const t of TABLES) {
      await sql`DROP TRIGGER ${sql.raw(`gk_portal_${t}`)} ON ${sql.table(t)}`.execute(db);
      await sql`DROP TRIGGER ${sql.raw(`gk_portal_${t}_truncate`)} ON ${sql.table(t)}`.execute(db);
    }
    await sql`DROP FUNCTION gk_portal_bump()`.execute(db);
  } else {
    for (const t of TABLES)
      for (const op of OPS) await sql`DROP TRIGGER ${sql.raw(`gk_portal_${t}_${op}`)}`.execute(db);
  }
  await db.schema.dropTable('portal_state').execute();
}
