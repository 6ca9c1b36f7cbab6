import {
  addWorkingDays,
  isWorkingDay,
  addDays,
  type DeadlineResult,
  type HolidayCalendar,
} from '../calendar/calendar.model.js';
import type {
  Application,
  ConsultationParty,
  ExtendedEvent,
  FeeNoticeEvent,
  OutcomeCode,
} from './requests.model.js';
import { outcomeOf } from './requests.model.js';
import { explainClock } from './clock.explain.js';

/**
 * The statutory clock of one application (REGULATIONS.md §4.3). Every "自 X 之日起 N 个工作日"
 * is addWorkingDays(X, N): X itself is not counted (民法典第二百零一条).
 *
 * - 补正告知 within 7 working days of receipt, once only (条例第三十条).
 * - 答复 within 20 working days of receipt or of "收到补正的申请之日", the first period then void
 *   (条例第三十条, 第三十三条第一款); 当场答复 where possible (第三十三条).
 * - 延长 at most 20 working days in total, approved by the head of the 公开工作机构 and told to
 *   the applicant (条例第三十三条第二款).
 * - 征求第三方意见 (条例第三十二条, 15 working days for the third party) and 征求其他机关意见
 *   (条例第三十四条): the time needed "不计算在前款规定的期限内" (第三十三条第三款); working days
 *   d with started < d ≤ ended are not counted.
 * - 信息处理费: payment within 20 working days "收到收费通知次日起" (国办函〔2020〕109号); the
 *   notice-to-payment time is paused by default (notice excluded, payment included), a
 *   configurable platform rule because the national wording is UNVERIFIED.
 */

/** Where a case stands (REGULATIONS.md §4.8). */
export type RequestStatus =
  | 'registered'
  | 'correction_pending'
  | 'in_progress'
  | 'paused_consultation'
  | 'awaiting_fee'
  | 'concluded'
  | 'withdrawn';

export const STATUS_LABELS: Readonly<Record<RequestStatus, string>> = {
  registered: '已登记',
  correction_pending: '待补正',
  in_progress: '办理中',
  paused_consultation: '征求意见中',
  awaiting_fee: '待缴费',
  concluded: '已答复',
  withdrawn: '已撤回',
};

export interface ClockOptions {
  /** China calendar date of today; open pauses run until today. */
  today: string;
  /** Pause the reply clock from the fee notice (excluded) to payment (included). Default true. */
  feePause?: boolean;
}

/** Working days not counted in the reply period: days d with from < d ≤ to. */
export interface Pause {
  reason: 'consultation' | 'fee';
  party: ConsultationParty | null;
  from: string;
  to: string;
  /** No end recorded yet: paused until today (or the end of the 15/20-working-day window). */
  open: boolean;
  /** Working days in (from, to] after the reply clock's start. */
  working_days: number;
}

/** A consultation and the 15-working-day window of the party consulted (条例第三十二条, 第三十四条). */
export interface ConsultationWindow {
  party: ConsultationParty;
  started_on: string;
  window_due: string;
  ended_on: string | null;
}

export interface RequestClock {
  status: RequestStatus;
  received_on: string;
  /** Last day to send the one-time 补正告知 (条例第三十条). */
  correction_notice_due: string;
  /** The 补正期限 given to the applicant, if a correction was requested. */
  correction_due_on: string | null;
  /** The day the reply period runs from; null while a correction is awaited. */
  reply_start: string | null;
  /** The reply deadline (条例第三十三条); null while a correction is awaited. */
  reply_due: string | null;
  pauses: Pause[];
  paused_working_days: number;
  extension_days: number;
  consultations: ConsultationWindow[];
  /** Last day for the applicant to pay (国办函〔2020〕109号). */
  fee_payment_due: string | null;
  concluded_on: string | null;
  outcome: OutcomeCode | null;
  /** Open and past the reply due date, or concluded after it. */
  overdue: boolean;
  correction_overdue: boolean;
  fee_overdue: boolean;
  /** Some deadline runs through a year without official holiday data (REGULATIONS.md §6.1). */
  provisional: boolean;
  /** How each date was computed, in Chinese, one line each. */
  explanation: string[];
}

/** The facts read off the event history, in the shape the clock needs. */
export interface ClockFacts {
  correctionRequested: { on: string; due_on: string } | null;
  correctionReceived: string | null;
  consultations: ConsultationWindow[];
  extensions: ExtendedEvent[];
  voidExtensions: ExtendedEvent[];
  feeNotice: FeeNoticeEvent | null;
  feePaid: string | null;
  end: { on: string; type: 'concluded' | 'withdrawn' } | null;
}

/**
 * Computes the clock of an application as of `options.today`. Pure. Expects a history that
 * passed validateHistory (history.model.ts); on other histories the first event of each kind wins.
 */
export function computeClock(
  cal: HolidayCalendar,
  app: Application,
  options: ClockOptions,
): RequestClock {
  const facts = readFacts(cal, app);
  const feePause = options.feePause ?? true;
  const ref = facts.end?.on ?? options.today;
  const provisional: boolean[] = [];
  const track = (r: DeadlineResult): string => {
    provisional.push(r.provisional);
    return r.date;
  };

  const correctionNoticeDue = track(addWorkingDays(cal, app.received_on, 7));
  const start = facts.correctionRequested ? facts.correctionReceived : app.received_on;

  const feePaymentDue = facts.feeNotice ? track(addWorkingDays(cal, facts.feeNotice.on, 20)) : null;
  const ranges = pauseRanges(facts, ref, feePause ? feePaymentDue : null);
  const skip = (d: string): boolean => ranges.some((p) => p.from < d && d <= p.to);

  const extensionDays = facts.extensions
    .filter((e) => start !== null && e.on >= start)
    .reduce((sum, e) => sum + e.working_days, 0);
  const replyDue =
    start === null ? null : track(addWorkingDays(cal, start, 20 + extensionDays, skip));

  const counted = new Set<string>();
  const pauses: Pause[] = ranges.map((p) => {
    let n = 0;
    for (let d = addDays(p.from, 1); d <= p.to; d = addDays(d, 1)) {
      if (start === null || d <= start || !isWorkingDay(cal, d)) continue;
      n++;
      if (replyDue !== null && d <= replyDue) counted.add(d);
    }
    return { ...p, working_days: n };
  });

  const outcome = outcomeOf(app.events);
  const status = statusOf(facts, ref);
  const clock: RequestClock = {
    status,
    received_on: app.received_on,
    correction_notice_due: correctionNoticeDue,
    correction_due_on: facts.correctionRequested?.due_on ?? null,
    reply_start: start,
    reply_due: replyDue,
    pauses,
    paused_working_days: counted.size,
    extension_days: extensionDays,
    consultations: facts.consultations,
    fee_payment_due: feePaymentDue,
    concluded_on: facts.end?.on ?? null,
    outcome,
    overdue: replyDue !== null && ref > replyDue && outcome !== 'other_correction_overdue',
    correction_overdue:
      status === 'correction_pending' &&
      facts.correctionRequested !== null &&
      options.today > facts.correctionRequested.due_on,
    fee_overdue:
      status === 'awaiting_fee' && feePaymentDue !== null && options.today > feePaymentDue,
    provisional: false,
    explanation: [],
  };
  clock.provisional = provisional.some(Boolean);
  clock.explanation = explainClock(cal, app, facts, clock, feePause);
  return clock;
}

/** Reads the event history into the facts the clock depends on. */
export function readFacts(cal: HolidayCalendar, app: Application): ClockFacts {
  const facts: ClockFacts = {
    correctionRequested: null,
    correctionReceived: null,
    consultations: [],
    extensions: [],
    voidExtensions: [],
    feeNotice: null,
    feePaid: null,
    end: null,
  };
  for (const e of app.events) {
    if (facts.end) break;
    switch (e.type) {
      case 'correction_requested':
        facts.correctionRequested ??= { on: e.on, due_on: e.due_on };
        break;
      case 'correction_received':
        facts.correctionReceived ??= e.on;
        break;
      case 'consultation_started':
        facts.consultations.push({
          party: e.party,
          started_on: e.on,
          window_due: addWorkingDays(cal, e.on, 15).date,
          ended_on: null,
        });
        break;
      case 'consultation_ended': {
        const open = facts.consultations.find((c) => c.ended_on === null);
        if (open) open.ended_on = e.on;
        break;
      }
      case 'extended':
        facts.extensions.push(e);
        break;
      case 'fee_notice':
        facts.feeNotice ??= e;
        break;
      case 'fee_paid':
        facts.feePaid ??= e.on;
        break;
      case 'concluded':
      case 'withdrawn':
        facts.end = { on: e.on, type: e.type };
        break;
    }
  }
  const start = facts.correctionReceived;
  if (start !== null) {
    // The first period is void after 补正 (条例第三十条), and so is any extension of it.
    facts.voidExtensions = facts.extensions.filter((e) => e.on < start);
    facts.extensions = facts.extensions.filter((e) => e.on >= start);
  }
  return facts;
}

/** Pauses of the reply clock; an open one runs to `ref`, capped by its statutory window. */
function pauseRanges(
  facts: ClockFacts,
  ref: string,
  feeDue: string | null,
): Omit<Pause, 'working_days'>[] {
  const out: Omit<Pause, 'working_days'>[] = [];
  for (const c of facts.consultations) {
    const to = c.ended_on ?? maxDate(c.started_on, minDate(ref, c.window_due));
    out.push({
      reason: 'consultation',
      party: c.party,
      from: c.started_on,
      to,
      open: c.ended_on === null,
    });
  }
  if (facts.feeNotice && feeDue !== null) {
    const from = facts.feeNotice.on;
    const to = facts.feePaid ?? maxDate(from, minDate(ref, feeDue));
    out.push({ reason: 'fee', party: null, from, to, open: facts.feePaid === null });
  }
  return out;
}

function statusOf(facts: ClockFacts, ref: string): RequestStatus {
  if (facts.end) return facts.end.type === 'withdrawn' ? 'withdrawn' : 'concluded';
  if (facts.correctionRequested && facts.correctionReceived === null) return 'correction_pending';
  if (facts.feeNotice && facts.feePaid === null) return 'awaiting_fee';
  if (facts.consultations.some((c) => c.ended_on === null && ref <= c.window_due))
    return 'paused_consultation';
  const anything =
    facts.correctionRequested !== null ||
    facts.consultations.length > 0 ||
    facts.extensions.length > 0 ||
    facts.feeNotice !== null;
  return anything ? 'in_progress' : 'registered';
}

const minDate = (a: string, b: string): string => (a < b ? a : b);
const maxDate = (a: string, b: string): string => (a > b ? a : b);
