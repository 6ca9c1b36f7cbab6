import type { Conn } from '../platform/db/database.js';

/** An administrator's override of one year, as stored. */
export interface OverrideRow {
  year: number;
  source: string;
  note: string | null;
  entered_by: number | null;
  entered_by_name: string | null;
  entered_at: string;
}

export interface OverrideDayRow {
  date: string;
  year: number;
  is_off_day: number;
  name: string;
}

/** Every override year with who entered it, oldest year first. */
export async function listOverrides(db: Conn): Promise<OverrideRow[]> {
  return db
    .selectFrom('calendar_years as y')
    .leftJoin('users as u', 'u.id', 'y.entered_by')
    .select([
      'y.year',
      'y.source',
      'y.note',
      'y.entered_by',
      'y.entered_at',
      'u.username as entered_by_name',
    ])
    .orderBy('y.year')
    .execute();
}

/** Every stored override day, in date order. */
export async function listOverrideDays(db: Conn): Promise<OverrideDayRow[]> {
  return db
    .selectFrom('calendar_days')
    .select(['date', 'year', 'is_off_day', 'name'])
    .orderBy('date')
    .execute();
}

/** One override year and its days, or undefined. */
export async function findOverride(
  db: Conn,
  year: number,
): Promise<{ row: OverrideRow; days: OverrideDayRow[] } | undefined> {
  const row = (await listOverrides(db)).find((r) => r.year === year);
  if (!row) return undefined;
  const days = await db
    .selectFrom('calendar_days')
    .select(['date', 'year', 'is_off_day', 'name'])
    .where('year', '=', year)
    .orderBy('date')
    .execute();
  return { row, days };
}

/** Dates among `dates` that another override year already lists (dates are unique across years). */
export async function datesHeldByOtherYears(
  db: Conn,
  year: number,
  dates: string[],
): Promise<OverrideDayRow[]> {
  if (dates.length === 0) return [];
  return db
    .selectFrom('calendar_days')
    .select(['date', 'year', 'is_off_day', 'name'])
    .where('year', '<>', year)
    .where('date', 'in', dates)
    .execute();
}

/** Replaces one override year and all its days (run inside a transaction). */
export async function replaceOverride(
  db: Conn,
  row: {
    year: number;
    source: string;
    note: string | null;
    entered_by: number | null;
    entered_at: string;
  },
  days: Array<{ date: string; is_off_day: number; name: string }>,
): Promise<void> {
  await deleteOverride(db, row.year);
  await db.insertInto('calendar_years').values(row).execute();
  if (days.length) {
    await db
      .insertInto('calendar_days')
      .values(days.map((d) => ({ ...d, year: row.year })))
      .execute();
  }
}

/** Deletes one override year and its days; returns whether it existed. */
export async function deleteOverride(db: Conn, year: number): Promise<boolean> {
  // Days first: foreign-key cascades are not relied on (SQLite enforces them only per connection).
  await db.deleteFrom('calendar_days').where('year', '=', year).execute();
  const res = await db.deleteFrom('calendar_years').where('year', '=', year).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
