import type { Conn } from '../platform/db/database.js';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from './attachments.model.js';

/**
 * Catalogue settings kept in the `settings` table (changeable at run time, no restart):
 * the attachment size limit and the re-review interval of 不予公开 items (条例第十八条; the law
 * gives no interval, so it is configurable, default 12 months).
 */
export const SETTING_ATTACHMENT_MAX_BYTES = 'catalogue.attachment_max_bytes';
export const SETTING_REREVIEW_MONTHS = 'catalogue.rereview_months';
export const DEFAULT_REREVIEW_MONTHS = 12;

async function readInt(conn: Conn, key: string, fallback: number, min: number): Promise<number> {
  const row = await conn
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  const n = row ? Number(row.value) : NaN;
  return Number.isInteger(n) && n >= min ? n : fallback;
}

/** Largest accepted attachment, in bytes (default 50 MB). */
export function attachmentMaxBytes(conn: Conn): Promise<number> {
  return readInt(conn, SETTING_ATTACHMENT_MAX_BYTES, DEFAULT_ATTACHMENT_MAX_BYTES, 1);
}

/** Months between re-reviews of a 不予公开 item (default 12). */
export function rereviewMonths(conn: Conn): Promise<number> {
  return readInt(conn, SETTING_REREVIEW_MONTHS, DEFAULT_REREVIEW_MONTHS, 1);
}

/** Stores a catalogue setting (administration and tests). */
export async function setCatalogueSetting(conn: Conn, key: string, value: number): Promise<void> {
  const existing = await conn
    .selectFrom('settings')
    .select('key')
    .where('key', '=', key)
    .executeTakeFirst();
  if (existing)
    await conn
      .updateTable('settings')
      .set({ value: String(value) })
      .where('key', '=', key)
      .execute();
  else
    await conn
      .insertInto('settings')
      .values({ key, value: String(value) })
      .execute();
}
