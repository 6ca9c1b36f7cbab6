import type { Migration } from 'kysely';
import * as m0001 from './20261128_0001_foundation.js';
import * as m0100 from './20261128_0100_catalogue.js';
import * as m0200 from './20261128_0200_requests.js';
import * as m0300 from './20261128_0300_link_checks.js';

/**
 * Every migration, in order. Timestamped, written once, never edited after release; each runs on
 * SQLite and PostgreSQL. Add new ones at the end.
 */
export const migrations: Record<string, Migration> = {
  '20261128_0001_foundation': m0001,
  '20261128_0100_catalogue': m0100,
  '20261128_0200_requests': m0200,
  '20261128_0300_link_checks': m0300,
};
