import { addWorkingDays, type HolidayCalendar } from '../calendar/calendar.model.js';
import { computeClock } from './clock.model.js';
import type { HistoryCode } from './history.model.js';
import type { Application, ApplicationEvent } from './requests.model.js';

/** What the history has established so far, as validateHistory walks the events. */
export interface HistoryState {
  correctionRequested: { on: string; due_on: string } | null;
  correctionReceived: string | null;
  consultationOpen: boolean;
  extensionTotal: number;
  feeNotice: { on: string; basis: string } | null;
  feePaid: boolean;
  concluded: boolean;
}

type Add = (code: HistoryCode, message: string) => void;

/** Checks one event against the rules, given the history before it. */
export function checkEvent(
  cal: HolidayCalendar,
  app: Application,
  i: number,
  e: ApplicationEvent,
  s: HistoryState,
  add: Add,
): void {
  switch (e.type) {
    case 'correction_requested': {
      if (s.correctionRequested)
        add('ERR_CORRECTION_TWICE', '补正只能一次性告知，不能再次要求补正（条例第三十条）');
      const due = addWorkingDays(cal, app.received_on, 7).date;
      if (e.on > due)
        add(
          'ERR_CORRECTION_LATE',
          `补正告知应在收到申请之日起7个工作日内（${due} 前）作出（条例第三十条）`,
        );
      if (e.due_on < e.on)
        add('ERR_CORRECTION_DUE_BEFORE_NOTICE', '补正期限不能早于补正告知日期（条例第三十条）');
      s.correctionRequested ??= { on: e.on, due_on: e.due_on };
      return;
    }
    case 'correction_received':
      if (!s.correctionRequested)
        add('ERR_CORRECTION_NOT_REQUESTED', '未告知补正，不能记录收到补正（条例第三十条）');
      else if (s.correctionReceived !== null)
        add('ERR_CORRECTION_RECEIVED_TWICE', '补正已收到，不能重复记录（条例第三十条）');
      s.correctionReceived ??= e.on;
      // The first period is void after 补正, and its extensions with it.
      s.extensionTotal = 0;
      return;
    case 'consultation_started':
      if (s.consultationOpen)
        add(
          'ERR_CONSULTATION_OVERLAP',
          '上一次征求意见尚未结束，不能再开始一次（条例第三十二条、第三十四条）',
        );
      s.consultationOpen = true;
      return;
    case 'consultation_ended':
      if (!s.consultationOpen)
        add(
          'ERR_CONSULTATION_NOT_STARTED',
          '没有正在进行的征求意见，不能记录其结束（条例第三十二条、第三十四条）',
        );
      s.consultationOpen = false;
      return;
    case 'extended':
      checkExtension(cal, app, i, e.working_days, e.on, s, add);
      return;
    case 'fee_notice':
      checkFeeNotice(e, s, add);
      return;
    case 'fee_paid':
      if (!s.feeNotice)
        add('ERR_FEE_NOT_NOTIFIED', '未发出收费通知，不能记录缴费（国办函〔2020〕109号）');
      else if (s.feePaid) add('ERR_FEE_PAID_TWICE', '信息处理费已缴纳，不能重复记录');
      s.feePaid = true;
      return;
    case 'concluded':
      checkConclusion(cal, e.outcome, e.on, s, add);
      s.concluded = true;
      return;
    case 'withdrawn':
      s.concluded = true;
      return;
  }
}

/** 条例第三十三条第二款: an extension of the running period, at most 20 working days in total. */
function checkExtension(
  cal: HolidayCalendar,
  app: Application,
  i: number,
  days: number,
  on: string,
  s: HistoryState,
  add: Add,
): void {
  if (!Number.isInteger(days) || days < 1 || days > 20) {
    add('ERR_EXTENSION_DAYS', '延长的工作日数应为1至20的整数（条例第三十三条第二款）');
    return;
  }
  s.extensionTotal += days;
  if (s.extensionTotal > 20) {
    add(
      'ERR_EXTENSION_LIMIT',
      `延长答复期限累计不得超过20个工作日，现累计${s.extensionTotal}个工作日（条例第三十三条第二款）`,
    );
  }
  const before = computeClock(cal, { ...app, events: app.events.slice(0, i) }, { today: on });
  if (before.reply_due === null) {
    add(
      'ERR_EXTENSION_DURING_CORRECTION',
      '等待补正期间答复期限尚未起算，不能延长（条例第三十条、第三十三条）',
    );
  } else if (on > before.reply_due) {
    add(
      'ERR_EXTENSION_AFTER_DUE',
      `答复期限已于 ${before.reply_due} 届满，不能再延长（条例第三十三条第二款）`,
    );
  }
}

/** 国办函〔2020〕109号 第三条: one basis per application, never both. */
function checkFeeNotice(
  e: Extract<ApplicationEvent, { type: 'fee_notice' }>,
  s: HistoryState,
  add: Add,
): void {
  const hasPages = e.pages !== undefined && e.pages !== null;
  const hasCount = e.count_in_month !== undefined && e.count_in_month !== null;
  if ((hasPages && hasCount) || (s.feeNotice && s.feeNotice.basis !== e.basis)) {
    add(
      'ERR_FEE_BOTH_BASES',
      '同一申请只能选择按件或按量一种标准计收，不得同时按照两种标准重复计算（国办函〔2020〕109号第三条）',
    );
  } else if (s.feeNotice) {
    add('ERR_FEE_NOTICE_TWICE', '同一申请只能发出一次收费通知');
  } else if (
    (e.basis === 'per_page' && !hasPages) ||
    (e.basis === 'per_application' && !hasCount)
  ) {
    add(
      'ERR_FEE_NOTICE_FIELDS',
      '收费通知应写明计收依据：按量计收填写页数，按件计收填写本月累计件数',
    );
  }
  if (!(e.amount_yuan >= 0)) add('ERR_FEE_NOTICE_FIELDS', '收费金额不能为负数');
  s.feeNotice ??= { on: e.on, basis: e.basis };
}

function checkConclusion(
  cal: HolidayCalendar,
  outcome: string,
  on: string,
  s: HistoryState,
  add: Add,
): void {
  if (outcome === 'other_correction_overdue') {
    const cr = s.correctionRequested;
    if (!cr || s.correctionReceived !== null) {
      add(
        'ERR_CORRECTION_OVERDUE_WITHOUT_REQUEST',
        '只有告知补正且申请人未补正的，才能按逾期不补正办结（条例第三十条）',
      );
    } else if (on <= cr.due_on) {
      add(
        'ERR_CORRECTION_OVERDUE_EARLY',
        `补正期限 ${cr.due_on} 届满后，才能按逾期不补正办结（条例第三十条）`,
      );
    }
  }
  if (outcome === 'other_fee_unpaid') {
    if (!s.feeNotice || s.feePaid) {
      add(
        'ERR_FEE_UNPAID_WITHOUT_NOTICE',
        '只有发出收费通知且申请人未缴费的，才能按逾期未缴费办结（国办函〔2020〕109号）',
      );
    } else {
      const due = addWorkingDays(cal, s.feeNotice.on, 20).date;
      if (on <= due)
        add(
          'ERR_FEE_UNPAID_EARLY',
          `缴费期限 ${due} 届满后，才能按逾期未缴费办结（收到收费通知次日起20个工作日，国办函〔2020〕109号）`,
        );
    }
  }
  if (outcome === 'unable_unclear_after_correction' && s.correctionReceived === null) {
    add(
      'ERR_UNCLEAR_WITHOUT_CORRECTION',
      '只有收到补正后内容仍不明确的，才能按“补正后申请内容仍不明确”答复（条例第三十条）',
    );
  }
}
