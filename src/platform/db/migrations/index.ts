import type { Migration } from 'kysely';
import * as m0001 from './20261128_0001_foundation.js';
import * as m0100 from './20261128_0100_catalogue.js';
import * as m0200 from './20261128_0200_requests.js';
import * as m0220 from './20261128_0220_org_remedy.js';
import * as m0230 from './20261128_0230_reminders.js';
import * as m0300 from './20261128_0300_link_checks.js';
import * as m0400 from './20261128_0400_search.js';
import * as m0500 from './20261128_0500_reports.js';
import * as m0600 from './20261128_0600_monitoring.js';
import * as m0710 from './20261128_0710_portal_cache.js';
import * as m0720 from './20261128_0720_search_speed.js';
import * as m0800 from './20261128_0800_totp_replay.js';
import * as m0820 from './20261128_0820_item_interprets_index.js';
import * as m0830 from './20261128_0830_content_gate.js';
import * as m0840 from './20261128_0840_case_indexes.js';
import * as m0900 from './20261128_0900_case_list_order.js';
import * as m0910 from './20261128_0910_report_indexes.js';
import * as m0920 from './20261128_0920_search_window.js';
import * as m1129 from './20261129_0300_search_tsv_external.js';
import * as m1129b from './20261129_0400_report_speed.js';

/**
 * Every migration, in order. Timestamped, written once, never edited after release; each runs on
 * SQLite and PostgreSQL. Add new ones at the end.
 */
export const migrations: Record<string, Migration> = {
  '20261128_0001_foundation': m0001,
  '20261128_0100_catalogue': m0100,
  '20261128_0200_requests': m0200,
  '20261128_0220_org_remedy': m0220,
  '20261128_0230_reminders': m0230,
  '20261128_0300_link_checks': m0300,
  '20261128_0400_search': m0400,
  '20261128_0500_reports': m0500,
  '20261128_0600_monitoring': m0600,
  '20261128_0710_portal_cache': m0710,
  '20261128_0720_search_speed': m0720,
  '20261128_0800_totp_replay': m0800,
  '20261128_0820_item_interprets_index': m0820,
  '20261128_0830_content_gate': m0830,
  '20261128_0840_case_indexes': m0840,
  '20261128_0900_case_list_order': m0900,
  '20261128_0910_report_indexes': m0910,
  '20261128_0920_search_window': m0920,
  '20261129_0300_search_tsv_external': m1129,
  '20261129_0400_report_speed': m1129b,
};
