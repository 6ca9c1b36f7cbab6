import { describe, expect, it } from 'vitest';
import { currentSlot, parseDailyAt, retryDelayMs, scheduleKey } from './jobs.model.js';

describe('retryDelayMs', () => {
  it.each([
    [1, 1000, 1000],
    [2, 1000, 2000],
    [3, 1000, 4000],
    [30, 1000, 3600 * 1000],
  ])(
    'waits longer after each failure (attempt %i, base %i → %i ms)',
    (attempts, base, expected) => {
      expect(retryDelayMs(attempts, base)).toBe(expected);
    },
  );
});

describe('currentSlot', () => {
  it('keys an interval schedule by the start of the current interval', () => {
    const slot = currentSlot({ everyMinutes: 15 }, new Date('2026-11-28T01:44:59.000Z'));
    expect(slot.key).toBe('2026-11-28T01:30:00.000Z');
    expect(slot.startsAt.toISOString()).toBe('2026-11-28T01:30:00.000Z');
  });

  it('keys a daily schedule by the China date once its time has passed', () => {
    // 03:00 China time on 28 November is 19:00 UTC on 27 November.
    const slot = currentSlot({ dailyAt: '03:00' }, new Date('2026-11-27T19:00:00.000Z'));
    expect(slot.key).toBe('2026-11-28');
    expect(slot.startsAt.toISOString()).toBe('2026-11-27T19:00:00.000Z');
  });

  it('keeps the previous day as the slot before the daily time', () => {
    const slot = currentSlot({ dailyAt: '03:00' }, new Date('2026-11-27T18:59:59.000Z'));
    expect(slot.key).toBe('2026-11-27');
    expect(slot.startsAt.toISOString()).toBe('2026-11-26T19:00:00.000Z');
  });

  it('gives every worker the same unique key in the same slot', () => {
    const a = currentSlot({ everyMinutes: 60 }, new Date('2026-11-28T05:01:00Z'));
    const b = currentSlot({ everyMinutes: 60 }, new Date('2026-11-28T05:59:00Z'));
    expect(scheduleKey('sessions.purge', a.key)).toBe(scheduleKey('sessions.purge', b.key));
  });

  it('rejects an invalid daily time', () => {
    expect(() => parseDailyAt('24:00')).toThrow(/invalid daily time/);
    expect(parseDailyAt('23:59')).toBe(23 * 60 + 59);
  });
});
