import { isIsoDate, type HolidayCalendar } from '../calendar/calendar.model.js';
import { ValidationError } from '../platform/errors.js';
import { checkEvent, type HistoryState } from './history.checks.js';
import type { Application } from './requests.model.js';

/**
 * Refuses impossible event histories (EXCHANGE.md §1.3, REGULATIONS.md §4.3) with stable codes
 * and Chinese messages naming the rule, so that imports and forms reject them before a clock is
 * computed on them.
 */

export type HistoryCode =
  | 'ERR_INVALID_DATE'
  | 'ERR_RECEIVED_BEFORE_SUBMITTED'
  | 'ERR_EVENTS_OUT_OF_ORDER'
  | 'ERR_EVENT_IN_FUTURE'
  | 'ERR_EVENT_BEFORE_RECEIPT'
  | 'ERR_CONCLUDED_BEFORE_RECEIPT'
  | 'ERR_EVENT_AFTER_CONCLUSION'
  | 'ERR_CORRECTION_NOT_REQUESTED'
  | 'ERR_CORRECTION_TWICE'
  | 'ERR_CORRECTION_RECEIVED_TWICE'
  | 'ERR_CORRECTION_LATE'
  | 'ERR_CORRECTION_DUE_BEFORE_NOTICE'
  | 'ERR_CONSULTATION_NOT_STARTED'
  | 'ERR_CONSULTATION_OVERLAP'
  | 'ERR_EXTENSION_DAYS'
  | 'ERR_EXTENSION_LIMIT'
  | 'ERR_EXTENSION_DURING_CORRECTION'
  | 'ERR_EXTENSION_AFTER_DUE'
  | 'ERR_FEE_NOT_NOTIFIED'
  | 'ERR_FEE_PAID_TWICE'
  | 'ERR_FEE_NOTICE_TWICE'
  | 'ERR_FEE_BOTH_BASES'
  | 'ERR_FEE_NOTICE_FIELDS'
  | 'ERR_CORRECTION_OVERDUE_WITHOUT_REQUEST'
  | 'ERR_CORRECTION_OVERDUE_EARLY'
  | 'ERR_FEE_UNPAID_WITHOUT_NOTICE'
  | 'ERR_FEE_UNPAID_EARLY'
  | 'ERR_UNCLEAR_WITHOUT_CORRECTION';

/** One problem, with the JSON path of the field or event at fault. */
export interface HistoryProblem {
  code: HistoryCode;
  path: string;
  message: string;
}

/** Thrown by assertValidHistory; `code` is the first problem's code. */
export class HistoryError extends ValidationError {
  constructor(readonly problems: HistoryProblem[]) {
    const fields: Record<string, string> = {};
    for (const p of problems) fields[p.path] ??= p.message;
    super(fields, '申请的办理记录不符合规定。', problems[0]?.code ?? 'ERR_VALIDATION');
    this.name = 'HistoryError';
  }
}

/**
 * All problems with an application's history, in event order; empty when it is possible.
 * `today`, when given, also refuses events dated in the future.
 */
export function validateHistory(
  cal: HolidayCalendar,
  app: Application,
  today?: string,
): HistoryProblem[] {
  const problems: HistoryProblem[] = [];
  const add = (code: HistoryCode, path: string, message: string): void => {
    problems.push({ code, path, message });
  };
  for (const [path, value] of datesOf(app)) {
    if (!isIsoDate(value)) add('ERR_INVALID_DATE', path, `${value} 不是有效日期（YYYY-MM-DD）`);
  }
  if (problems.length > 0) return problems;
  if (app.received_on < app.submitted_on) {
    add(
      'ERR_RECEIVED_BEFORE_SUBMITTED',
      'received_on',
      '收到申请之日不能早于提交日期（条例第三十一条）',
    );
  }
  const state: HistoryState = {
    correctionRequested: null,
    correctionReceived: null,
    consultationOpen: false,
    extensionTotal: 0,
    feeNotice: null,
    feePaid: false,
    concluded: false,
  };
  app.events.forEach((e, i) => {
    const path = `events[${i}]`;
    const prev = app.events[i - 1];
    if (state.concluded) {
      add('ERR_EVENT_AFTER_CONCLUSION', path, '申请已办结（答复或撤回），其后不能再有办理记录');
      return;
    }
    if (prev && e.on < prev.on)
      add(
        'ERR_EVENTS_OUT_OF_ORDER',
        path,
        `办理记录应按日期先后排列：${e.on} 早于上一条的 ${prev.on}`,
      );
    if (today !== undefined && e.on > today)
      add('ERR_EVENT_IN_FUTURE', path, `办理记录的日期 ${e.on} 晚于今天`);
    if (e.on < app.received_on) {
      const ends = e.type === 'concluded' || e.type === 'withdrawn';
      if (ends)
        add(
          'ERR_CONCLUDED_BEFORE_RECEIPT',
          path,
          `办结日期 ${e.on} 早于收到申请之日 ${app.received_on}`,
        );
      else
        add(
          'ERR_EVENT_BEFORE_RECEIPT',
          path,
          `办理记录的日期 ${e.on} 早于收到申请之日 ${app.received_on}`,
        );
    }
    checkEvent(cal, app, i, e, state, (code, message) => add(code, path, message));
  });
  return problems;
}

/** Throws a HistoryError listing every problem, if there is any. */
export function assertValidHistory(cal: HolidayCalendar, app: Application, today?: string): void {
  const problems = validateHistory(cal, app, today);
  if (problems.length > 0) throw new HistoryError(problems);
}

/** Every date of the record, with its path. */
function datesOf(app: Application): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['submitted_on', app.submitted_on],
    ['received_on', app.received_on],
  ];
  app.events.forEach((e, i) => {
    out.push([`events[${i}].on`, e.on]);
    if (e.type === 'correction_requested') out.push([`events[${i}].due_on`, e.due_on]);
  });
  return out;
}
