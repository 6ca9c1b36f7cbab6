import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { loadConfig } from '../config.js';
import { contextFor } from '../bootstrap.js';
import type { AppContext } from '../context.js';
import { createLogger } from '../logger.js';
import { openDatabase, type Database, type Dialect } from './database.js';
import { migrateToLatest } from './migrate.js';

/** Databases the suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testDialects(): Dialect[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** Opens a fresh, migrated, isolated database: in-memory SQLite or a new PostgreSQL schema. */
export async function openTestDatabase(
  dialect: Dialect,
): Promise<{ database: Database; url: string; schema: string | null; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const database = openDatabase('sqlite::memory:');
    await migrateToLatest(database.db);
    return { database, url: 'sqlite::memory:', schema: null, drop: () => database.close() };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `gk_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database = openDatabase(url, { schema, poolSize: 5 });
  await migrateToLatest(database.db);
  return {
    database,
    url,
    schema,
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** Builds an AppContext for tests over a test database (fixed keys, silent logs). */
export async function testContext(database: Database): Promise<AppContext> {
  const config = loadConfig({
    DATABASE_URL: 'sqlite::memory:',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    DATA_KEY: '00112233445566778899aabbccddeeff',
    LOG_LEVEL: 'silent',
    WORKER: 'off',
  });
  return contextFor(config, database, createLogger('silent'));
}

/**
 * Runs the same tests on every test database, each file isolated in its own database or schema.
 * `get()` returns the context inside tests.
 */
export function describeEachDb(
  name: string,
  fn: (get: () => AppContext, dialect: Dialect) => void,
): void {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      let ctx: AppContext | undefined;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        const t = await openTestDatabase(dialect);
        drop = t.drop;
        ctx = await testContext(t.database);
      });
      afterAll(async () => {
        await drop?.();
      });
      fn(() => {
        if (!ctx) throw new Error('test database not ready');
        return ctx;
      }, dialect);
    });
  }
}
