import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  countBroken,
  isOkStatus,
  needsGetFallback,
  parseRetryAfter,
} from './links.model.js';

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-28T00:00:00Z');

  it('reads delay-seconds and HTTP dates, capped', () => {
    expect(parseRetryAfter('3', now, 60_000)).toBe(3000);
    expect(parseRetryAfter('3600', now, 60_000)).toBe(60_000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 00:00:10 GMT', now, 60_000)).toBe(10_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 00:00:00 GMT', now, 60_000)).toBe(0);
  });

  it('returns null when absent or unreadable', () => {
    expect(parseRetryAfter(undefined, now, 1000)).toBeNull();
    expect(parseRetryAfter('soon', now, 1000)).toBeNull();
  });
});

describe('status rules', () => {
  it('doubles the back-off on each attempt, within the jitter', () => {
    expect(backoffMs(1, 100, () => 0.5)).toBe(100);
    expect(backoffMs(3, 100, () => 0.5)).toBe(400);
    expect(backoffMs(3, 100, () => 0)).toBe(320);
  });

  it('falls back to GET for refused HEAD and treats 2xx/3xx as working', () => {
    expect(
      [405, 501, 403, 404, 'connection', 'timeout'].map((s) => needsGetFallback(s as never)),
    ).toEqual([true, true, true, false, true, false]);
    expect([200, 304, 404, 'dns'].map((s) => isOkStatus(s as never))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('counts broken links on the home page and on other pages apart', () => {
    const b = (onHome: boolean) =>
      ({ page: 'p', url: 'u', status: 404, text: '', source: 'a', onHome }) as const;
    expect(countBroken([b(true), b(false), b(false)])).toEqual({
      broken: 3,
      brokenOnHome: 1,
      brokenOnOtherPages: 2,
    });
  });
});
