/**
 * Dates in China time. Calendar dates are `YYYY-MM-DD` strings; "today" is the date in
 * Asia/Shanghai whatever the server's time zone (China has no daylight saving: UTC+8).
 */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** The China calendar date of an instant. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO-8601 UTC text of an instant, as stored in timestamp columns. */
export function isoNow(instant: Date): string {
  return instant.toISOString();
}

/** Formats a stored timestamp for people, in China time: 2026-11-28 09:05. */
export function formatChinaTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + CHINA_OFFSET_MS);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
