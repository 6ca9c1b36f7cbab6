import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { loadNativeExtensions } from './native.js';
import { preparingPool } from './prepared.js';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
  type Transaction,
} from 'kysely';
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
  /** PostgreSQL only: told when an idle connection breaks (the pool replaces it by itself). */
  onIdleError?: (err: Error) => void;
}

/**
 * SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR, …); the
 * ROLLBACK that Kysely then sends fails with "no transaction is active" and would hide the
 * original error (a full disk would surface as a meaningless SQLITE_ERROR and a 500).
 */
class GkSqliteDriver extends SqliteDriver {
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch (err) {
      if (!/no transaction is active/.test((err as Error).message)) throw err;
    }
  }
}

class GkSqliteDialect extends SqliteDialect {
  constructor(private readonly gkConfig: SqliteDialectConfig) {
    super(gkConfig);
  }
  override createDriver(): Driver {
    return new GkSqliteDriver(this.gkConfig);
  }
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
    loadNativeExtensions(sqlite);
    const db = new Kysely<DB>({ dialect: new GkSqliteDialect({ database: sqlite }) });
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
  // An idle client whose server goes away (a restart, a failover) is reported here; without a
  // listener Node would treat it as an uncaught exception and end the process. The pool drops the
  // client and opens a new one on the next query, so there is nothing else to do.
  pool.on('error', (err) => {
    options.onIdleError?.(err);
  });
  // The same for a client checked out of the pool (between the queries of a transaction): the
  // query in flight, if any, fails with the error and the client is discarded on release.
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      options.onIdleError?.(err);
    });
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  return { db, dialect: 'postgres', file: null, close: () => db.destroy() };
}

/** Tells which dialect a Kysely instance speaks (for the few dialect-specific fragments). */
export function dialectOf(db: Conn): Dialect {
  const adapter = db.getExecutor().adapter.constructor.name;
  return adapter.startsWith('Postgres') ? 'postgres' : 'sqlite';
}
