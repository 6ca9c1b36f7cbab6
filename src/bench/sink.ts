import SQLite from 'better-sqlite3';
import pg from 'pg';

/**
 * Bulk writers for the benchmark dataset: rows go straight to the driver, bypassing Kysely, in big
 * transactions. SQLite reuses one prepared statement per table (the fastest path of
 * better-sqlite3, with synchronous=OFF during the load); PostgreSQL gets multi-row INSERTs of up to
 * 1,000 rows (and at most 60,000 parameters) each.
 */
export interface Sink {
  insert(table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export function sqliteSink(file: string): Sink {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  const stmts = new Map<string, SQLite.Statement>();
  return {
    async insert(table, columns, rows) {
      const key = `${table}(${columns.join(',')})`;
      let st = stmts.get(key);
      if (!st) {
        st = db.prepare(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
        stmts.set(key, st);
      }
      for (const r of rows) st.run(r);
    },
    async begin() {
      db.exec('BEGIN');
    },
    async commit() {
      db.exec('COMMIT');
    },
    async exec(sql) {
      db.exec(sql);
    },
    async close() {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

export async function pgSink(url: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SET synchronous_commit = off');
  return {
    async insert(table, columns, rows) {
      const per = Math.max(1, Math.min(1000, Math.floor(60_000 / columns.length)));
      const cols = columns.map((c) => `"${c}"`).join(', ');
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const params: unknown[] = [];
        const tuples = chunk.map((r) => {
          const ph = r.map((v) => {
            params.push(v);
            return `$${params.length}`;
          });
          return `(${ph.join(',')})`;
        });
        await client.query(`INSERT INTO "${table}" (${cols}) VALUES ${tuples.join(',')}`, params);
      }
    },
    async begin() {
      await client.query('BEGIN');
    },
    async commit() {
      await client.query('COMMIT');
    },
    async exec(sql) {
      await client.query(sql);
    },
    async close() {
      await client.end();
    },
  };
}
