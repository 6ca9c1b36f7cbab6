import crypto from 'node:crypto';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createLogger, type Logger } from './logger.js';
import { fieldKeys } from './crypto/sm.js';

/** Reads a generated secret from settings, creating it on first use (first start). */
async function storedSecret(database: Database, key: string, make: () => string): Promise<string> {
  const existing = await database.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  if (existing) return existing.value;
  const value = make();
  await database.db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await database.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.value;
}

/** Builds the context around an already-open, migrated database. */
export async function contextFor(
  config: Config,
  database: Database,
  logger: Logger,
): Promise<AppContext> {
  const sessionSecret =
    config.sessionSecret ??
    (await storedSecret(database, 'generated.session_secret', () =>
      crypto.randomBytes(32).toString('hex'),
    ));
  const dataKey =
    config.dataKey ??
    (await storedSecret(database, 'generated.data_key', () =>
      crypto.randomBytes(16).toString('hex'),
    ));
  if (!config.dataKey) {
    logger.debug(
      'DATA_KEY not set: using the key generated on first start (set DATA_KEY in production)',
    );
  }
  return {
    config,
    database,
    db: database.db,
    dialect: database.dialect,
    logger,
    sessionSecret,
    fieldKeys: fieldKeys(dataKey),
    now: () => new Date(),
  };
}

/** Opens the configured database, migrates it and returns the context. */
export async function createContext(config: Config, logger?: Logger): Promise<AppContext> {
  const log = logger ?? createLogger(config.logLevel);
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  return contextFor(config, database, log);
}
