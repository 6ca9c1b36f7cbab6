import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { DB } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** A database handle or an open transaction: what repositories take as first argument. */
export type Conn = Kysely<DB> | Transaction<DB>;

export interface Database {
  db: Db;
  dialect: Dialect;
  /** SQLite file path, or null for PostgreSQL and in-memory SQLite. */
  file: string | null;
  close(): Promise<void>;
}

// PostgreSQL returns BIGINT (count(*)) as text by default; counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export interface OpenOptions {
  /** PostgreSQL only: the schema to use (test isolation). */
  schema?: string;
  poolSize?: number;
}

/** Opens a database from a `sqlite:PATH` or `postgres://` URL. */
export function openDatabase(url: string, options: OpenOptions = {}): Database {
  if (url.startsWith('sqlite:')) {
    const target = url.slice('sqlite:'.length);
    const memory = target === ':memory:';
    if (!memory) fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    const sqlite = new SQLite(memory ? ':memory:' : target);
    sqlite.pragma('journal_mode = WAL');
    // FULL: an acknowledged write survives power loss (applications are acknowledged to the public).
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    return {
      db,
      dialect: 'sqlite',
      file: memory ? null : path.resolve(target),
      close: () => db.destroy(),
    };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', file: null, close: () => db.destroy() };
}

/** Tells which dialect a Kysely instance speaks (for the few dialect-specific fragments). */
export function dialectOf(db: Conn): Dialect {
  const adapter = db.getExecutor().adapter.constructor.name;
  return adapter.startsWith('Postgres') ? 'postgres' : 'sqlite';
}
