import { performance } from 'node:perf_hooks';
import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import type { Db } from '../platform/db/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { isoNow } from '../platform/time.js';
import { parseInput } from '../platform/validation.js';
import { SHIPPED_YEARS } from './calendar.data.js';
import { buildCalendar, type DayEntry, type HolidayCalendar } from './calendar.model.js';
import { can } from './calendar.policy.js';
import {
  datesHeldByOtherYears,
  deleteOverride,
  findOverride,
  listOverrideDays,
  listOverrides,
  replaceOverride,
} from './calendar.repository.js';
import { formatDayLines, setYearSchema, yearSchema, type SetYearInput } from './calendar.schema.js';

/** Where a year's arrangement comes from. */
export type CalendarOrigin = 'shipped' | 'override' | 'provisional';

/** One year of the effective calendar, for pages and the CLI. */
export interface CalendarYearInfo {
  year: number;
  origin: CalendarOrigin;
  /** The source notice; null when provisional. */
  source: string | null;
  /** Links to the notice's text. */
  papers: string[];
  /** For shipped years, the open data set it was taken from (e.g. 'holiday-cn (MIT), …'). */
  dataset: string | null;
  note: string | null;
  enteredBy: string | null;
  enteredAt: string | null;
  days: DayEntry[];
}

interface Snapshot {
  calendar: HolidayCalendar;
  years: Map<number, CalendarYearInfo>;
}

/** How long a loaded calendar is reused; a change made through this process invalidates it at once. */
export const CALENDAR_CACHE_MS = 5000;
const cache = new WeakMap<Db, { expires: number; snapshot: Promise<Snapshot> }>();

async function readSnapshot(ctx: AppContext): Promise<Snapshot> {
  const years = new Map<number, CalendarYearInfo>();
  for (const s of SHIPPED_YEARS) {
    years.set(s.year, {
      year: s.year,
      origin: 'shipped',
      source: `国务院办公厅关于${s.year}年部分节假日安排的通知`,
      papers: s.papers,
      dataset: s.source,
      note: null,
      enteredBy: null,
      enteredAt: null,
      days: s.days,
    });
  }
  const [rows, days] = await Promise.all([listOverrides(ctx.db), listOverrideDays(ctx.db)]);
  for (const r of rows) {
    years.set(r.year, {
      year: r.year,
      origin: 'override',
      source: r.source,
      papers: [],
      dataset: null,
      note: r.note,
      enteredBy: r.entered_by_name,
      enteredAt: r.entered_at,
      days: days
        .filter((d) => d.year === r.year)
        .map((d) => ({ date: d.date, isOffDay: d.is_off_day === 1, name: d.name })),
    });
  }
  return { calendar: buildCalendar([...years.values()]), years };
}

function snapshot(ctx: AppContext): Promise<Snapshot> {
  const hit = cache.get(ctx.db);
  const now = performance.now();
  if (hit && hit.expires > now) return hit.snapshot;
  const fresh = readSnapshot(ctx);
  cache.set(ctx.db, { expires: now + CALENDAR_CACHE_MS, snapshot: fresh });
  fresh.catch(() => cache.delete(ctx.db));
  return fresh;
}

/** Forgets the cached calendar of this database (after a change, or in tests). */
export function invalidateCalendarCache(ctx: AppContext): void {
  cache.delete(ctx.db);
}

/**
 * The effective working-day calendar (REGULATIONS §6): the shipped years with every
 * administrator override replacing its whole year. Cached for CALENDAR_CACHE_MS.
 */
export async function loadCalendar(ctx: AppContext): Promise<HolidayCalendar> {
  return (await snapshot(ctx)).calendar;
}

/** One year of the effective calendar; a year without data is 'provisional' with no days. */
export async function calendarYear(ctx: AppContext, year: number): Promise<CalendarYearInfo> {
  const info = (await snapshot(ctx)).years.get(year);
  return (
    info ?? {
      year,
      origin: 'provisional',
      source: null,
      papers: [],
      dataset: null,
      note: null,
      enteredBy: null,
      enteredAt: null,
      days: [],
    }
  );
}

/** Every year with data (shipped or override), in year order. */
export async function listCalendarYears(ctx: AppContext): Promise<CalendarYearInfo[]> {
  return [...(await snapshot(ctx)).years.values()].sort((a, b) => a.year - b.year);
}

/** What changed, passed to `onCalendarChanged` hooks. */
export interface CalendarChange {
  year: number;
  kind: 'set' | 'removed';
  actor: Actor;
}

/** A callback run after a year's arrangement changed (after the transaction committed). */
export type CalendarChangeHook = (ctx: AppContext, change: CalendarChange) => Promise<void> | void;

/**
 * Hooks other domains register to react when a year changes (REGULATIONS §6.1 [Design]: open
 * cases' due dates are recomputed), e.g. `onCalendarChanged.push(recomputeOpenCaseDeadlines)`.
 * They run in order after the commit with the fresh calendar available through loadCalendar; a
 * hook that throws is logged and does not undo the change or stop the others, so a hook should
 * be idempotent (or enqueue a job) so it can be run again.
 */
export const onCalendarChanged: CalendarChangeHook[] = [];

async function notify(ctx: AppContext, change: CalendarChange): Promise<void> {
  invalidateCalendarCache(ctx);
  for (const hook of onCalendarChanged) {
    try {
      await hook(ctx, change);
    } catch (err) {
      ctx.logger.error({ err, year: change.year }, 'calendar change hook failed');
    }
  }
}

function auditView(info: CalendarYearInfo): Record<string, unknown> {
  return {
    origin: info.origin,
    source: info.source,
    note: info.note,
    days: formatDayLines(info.days).split('\n'),
  };
}

/**
 * Enters or replaces a year's arrangement (REGULATIONS §6.2 [Design]): the override replaces the
 * whole shipped year and makes a year without data non-provisional. Platform administrators only;
 * audited in the same transaction. Validation errors are keyed `days[i]` by list position.
 */
export async function setYear(
  ctx: AppContext,
  actor: Actor,
  input: SetYearInput,
): Promise<CalendarYearInfo> {
  if (!can(actor, 'edit'))
    throw new ForbiddenError('ERR_FORBIDDEN', '只有平台管理员可以修改工作日历。');
  const v = parseInput(setYearSchema, input);
  const days = [...v.days].sort((a, b) => a.date.localeCompare(b.date));
  const before = await calendarYear(ctx, v.year);
  await ctx.db.transaction().execute(async (trx) => {
    const clashes = await datesHeldByOtherYears(
      trx,
      v.year,
      days.map((d) => d.date),
    );
    if (clashes.length) {
      const fields: Record<string, string> = {};
      for (const c of clashes) {
        const i = v.days.findIndex((d) => d.date === c.date);
        fields[`days[${i}]`] = `${c.date} 已列在 ${c.year} 年的安排中，同一天只能属于一个年度`;
      }
      throw new ValidationError(fields);
    }
    const enteredAt = isoNow(ctx.now());
    const row = {
      year: v.year,
      source: v.source,
      note: v.note ?? null,
      entered_by: actor.userId || null,
      entered_at: enteredAt,
    };
    await replaceOverride(
      trx,
      row,
      days.map((d) => ({ date: d.date, is_off_day: d.isOffDay ? 1 : 0, name: d.name })),
    );
    const after: CalendarYearInfo = {
      ...before,
      origin: 'override',
      source: v.source,
      dataset: null,
      note: v.note ?? null,
      days,
    };
    await audit(ctx, trx, actor, {
      orgId: null,
      action: 'calendar.year_set',
      targetType: 'calendar_year',
      targetId: v.year,
      before: before.origin === 'provisional' ? null : auditView(before),
      after: auditView(after),
    });
  });
  await notify(ctx, { year: v.year, kind: 'set', actor });
  return calendarYear(ctx, v.year);
}

/** Removes a year's override, so the shipped data (or, without it, weekends only) applies again. */
export async function removeOverride(ctx: AppContext, actor: Actor, year: number): Promise<void> {
  if (!can(actor, 'edit'))
    throw new ForbiddenError('ERR_FORBIDDEN', '只有平台管理员可以修改工作日历。');
  const y = parseInput(yearSchema, year);
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await findOverride(trx, y);
    if (!existing)
      throw new NotFoundError('ERR_CALENDAR_OVERRIDE_NOT_FOUND', `${y} 年没有管理员录入的安排。`);
    await deleteOverride(trx, y);
    const info: CalendarYearInfo = {
      year: y,
      origin: 'override',
      source: existing.row.source,
      papers: [],
      dataset: null,
      note: existing.row.note,
      enteredBy: existing.row.entered_by_name,
      enteredAt: existing.row.entered_at,
      days: existing.days.map((d) => ({
        date: d.date,
        isOffDay: d.is_off_day === 1,
        name: d.name,
      })),
    };
    await audit(ctx, trx, actor, {
      orgId: null,
      action: 'calendar.override_removed',
      targetType: 'calendar_year',
      targetId: y,
      before: auditView(info),
      after: null,
    });
  });
  await notify(ctx, { year: y, kind: 'removed', actor });
}
