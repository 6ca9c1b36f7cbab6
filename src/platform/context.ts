import type { Config } from './config.js';
import type { Database, Db, Dialect } from './db/database.js';
import type { Logger } from './logger.js';
import type { FieldKeys } from './crypto/sm.js';

/** What services need from the running platform; passed explicitly, never global. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  dialect: Dialect;
  logger: Logger;
  /** Secret for signing cookies (from SESSION_SECRET, or generated and stored on first start). */
  sessionSecret: string;
  /** Keys for personal data at rest (from DATA_KEY, or generated and stored on first start). */
  fieldKeys: FieldKeys;
  /** The current instant; tests replace it. */
  now(): Date;
}
