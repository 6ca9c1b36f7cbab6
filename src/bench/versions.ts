import SQLite from 'better-sqlite3';
import pg from 'pg';
import { DEFAULT_PG_ADMIN_URL } from './dataset.js';

/** SQLite and PostgreSQL versions for the machine line of BENCHMARKS.md. */
export async function dbVersions(): Promise<{ sqlite: string; postgres: string }> {
  const db = new SQLite(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  let postgres = 'unavailable';
  const c = new pg.Client({ connectionString: DEFAULT_PG_ADMIN_URL });
  try {
    await c.connect();
    postgres =
      String((await c.query('SHOW server_version')).rows[0]?.server_version ?? '?').split(' ')[0] ??
      '?';
  } catch {
    // left as unavailable
  } finally {
    await c.end().catch(() => undefined);
  }
  return { sqlite, postgres };
}
