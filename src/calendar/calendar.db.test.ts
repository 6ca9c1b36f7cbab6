import { afterEach, beforeEach, expect, it } from 'vitest';
import { systemActor, type Actor } from '../platform/authz.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { AppError, ValidationError } from '../platform/errors.js';
import { addWorkingDays, isProvisional, isWorkingDay } from './calendar.model.js';
import {
  calendarYear,
  loadCalendar,
  onCalendarChanged,
  removeOverride,
  setYear,
  type CalendarChange,
} from './calendar.service.js';

const admin: Actor = systemActor('admin-test');
const clerk: Actor = {
  userId: 7,
  username: 'clerk',
  isPlatformAdmin: false,
  grants: [{ orgId: 1, role: 'case_worker' }],
};

const y2027 = {
  year: 2027,
  source: '国务院办公厅关于2027年部分节假日安排的通知',
  days: [
    { date: '2027-01-01', isOffDay: true, name: '元旦' },
    { date: '2027-02-06', isOffDay: true, name: '春节' },
    { date: '2027-02-07', isOffDay: true, name: '春节' },
    { date: '2027-02-08', isOffDay: true, name: '春节' },
    { date: '2027-02-20', isOffDay: false, name: '春节' },
  ],
};

async function codeOf(
  p: Promise<unknown>,
): Promise<{ code: string; fields?: Record<string, string> }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ValidationError) return { code: err.code, fields: err.fields };
    if (err instanceof AppError) return { code: err.code };
    throw err;
  }
  throw new Error('expected an error');
}

describeEachDb('calendar overrides (REGULATIONS §6.2)', (get) => {
  const changes: CalendarChange[] = [];
  const hook = (_ctx: unknown, c: CalendarChange) => {
    changes.push(c);
  };
  beforeEach(() => {
    changes.length = 0;
    onCalendarChanged.push(hook);
  });
  afterEach(() => {
    onCalendarChanged.splice(onCalendarChanged.indexOf(hook), 1);
  });

  it('makes 2027 non-provisional once its arrangement is entered, and tells the hooks', async () => {
    const ctx = get();
    expect(isProvisional(await loadCalendar(ctx), '2027-02-08')).toBe(true);
    expect((await calendarYear(ctx, 2027)).origin).toBe('provisional');
    await setYear(ctx, admin, y2027);
    const cal = await loadCalendar(ctx);
    expect(isProvisional(cal, '2027-02-08')).toBe(false);
    expect(isWorkingDay(cal, '2027-02-08')).toBe(false);
    expect(isWorkingDay(cal, '2027-02-20')).toBe(true);
    expect(addWorkingDays(cal, '2027-02-05', 1)).toEqual({
      date: '2027-02-09',
      provisional: false,
    });
    expect(changes).toEqual([{ year: 2027, kind: 'set', actor: admin }]);
    const info = await calendarYear(ctx, 2027);
    expect(info).toMatchObject({ origin: 'override', source: y2027.source, enteredBy: null });
    expect(info.days).toHaveLength(5);
  });

  it('replaces a shipped year as a whole, and removing the override restores the shipped data', async () => {
    const ctx = get();
    await setYear(ctx, admin, {
      year: 2025,
      source: '测试通知',
      note: '只留元旦',
      days: [{ date: '2025-01-01', isOffDay: true, name: '元旦' }],
    });
    let cal = await loadCalendar(ctx);
    expect(isWorkingDay(cal, '2025-10-01')).toBe(true);
    expect(isWorkingDay(cal, '2025-10-11')).toBe(false);
    expect((await calendarYear(ctx, 2025)).note).toBe('只留元旦');
    await removeOverride(ctx, admin, 2025);
    cal = await loadCalendar(ctx);
    expect(isWorkingDay(cal, '2025-10-01')).toBe(false);
    expect((await calendarYear(ctx, 2025)).origin).toBe('shipped');
    expect(changes.map((c) => c.kind)).toEqual(['set', 'removed']);
  });

  it('records each change in the audit log in the same transaction', async () => {
    const ctx = get();
    const before = await ctx.db.selectFrom('audit_log').select('seq').execute();
    await setYear(ctx, admin, { ...y2027, source: '第二次录入' });
    const entries = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_type', '=', 'calendar_year')
      .orderBy('seq')
      .execute();
    expect(entries.length).toBeGreaterThan(0);
    const last = entries[entries.length - 1];
    expect(last).toMatchObject({
      action: 'calendar.year_set',
      target_id: '2027',
      actor_name: 'admin-test',
    });
    expect(JSON.parse(last?.diff ?? '{}')).toMatchObject({ after: { source: '第二次录入' } });
    expect((await ctx.db.selectFrom('audit_log').select('seq').execute()).length).toBe(
      before.length + 1,
    );
  });

  it('refuses a non-admin with ERR_FORBIDDEN and changes nothing', async () => {
    const ctx = get();
    expect(await codeOf(setYear(ctx, clerk, { ...y2027, source: 'x' }))).toEqual({
      code: 'ERR_FORBIDDEN',
    });
    expect(await codeOf(removeOverride(ctx, clerk, 2027))).toEqual({ code: 'ERR_FORBIDDEN' });
    expect((await calendarYear(ctx, 2027)).source).not.toBe('x');
    expect(changes).toEqual([]);
  });

  it('refuses bad arrangements with per-day field errors', async () => {
    const ctx = get();
    const bad = await codeOf(
      setYear(ctx, admin, {
        year: 2028,
        source: '',
        days: [
          { date: '2028-01-03', isOffDay: false, name: '元旦' },
          { date: '2028-01-01', isOffDay: true, name: '元旦' },
          { date: '2028-01-01', isOffDay: true, name: '元旦' },
          { date: '2030-05-01', isOffDay: true, name: '劳动节' },
        ],
      }),
    );
    expect(bad.code).toBe('ERR_VALIDATION');
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual([
      'days[0]',
      'days[2]',
      'days[3]',
      'source',
    ]);
    expect((await calendarYear(ctx, 2028)).origin).toBe('provisional');
  });

  it('refuses a date another year’s override already lists, and removing a missing override', async () => {
    const ctx = get();
    await setYear(ctx, admin, {
      year: 2029,
      source: '通知',
      days: [{ date: '2028-12-31', isOffDay: true, name: '元旦' }],
    });
    const clash = await codeOf(
      setYear(ctx, admin, {
        year: 2028,
        source: '通知',
        days: [{ date: '2028-12-31', isOffDay: true, name: '元旦' }],
      }),
    );
    expect(clash).toMatchObject({
      code: 'ERR_VALIDATION',
      fields: { 'days[0]': expect.stringContaining('2029') },
    });
    expect(await codeOf(removeOverride(ctx, admin, 2031))).toEqual({
      code: 'ERR_CALENDAR_OVERRIDE_NOT_FOUND',
    });
  });

  it('keeps a calendar working when a hook fails', async () => {
    const ctx = get();
    const failing = () => {
      throw new Error('boom');
    };
    onCalendarChanged.unshift(failing);
    try {
      await setYear(ctx, admin, { ...y2027, source: '第三次录入' });
    } finally {
      onCalendarChanged.splice(onCalendarChanged.indexOf(failing), 1);
    }
    expect((await calendarYear(ctx, 2027)).source).toBe('第三次录入');
    expect(changes).toHaveLength(1);
  });
});
