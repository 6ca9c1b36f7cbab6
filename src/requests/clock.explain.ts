import type { HolidayCalendar } from '../calendar/calendar.model.js';
import type { ClockFacts, RequestClock } from './clock.model.js';
import { describeHolidays } from './explain.js';
import { CHANNEL_LABELS, OUTCOMES, type Application } from './requests.model.js';

const PARTY = { third_party: '第三方', other_agency: '其他机关' } as const;
const PARTY_ARTICLE = { third_party: '条例第三十二条', other_agency: '条例第三十四条' } as const;

/** "，<holidays>" or '' — the holiday clause of a deadline sentence. */
function holidays(cal: HolidayCalendar, from: string, to: string): string {
  const text = describeHolidays(cal, from, to);
  return text ? `，${text}` : '';
}

/**
 * The Chinese explanation of a clock, one line per date, e.g. "2025-09-26 收到申请，20个工作日，
 * 国庆节、中秋节 10月1日至8日不计，9月28日、10月11日调休上班计入，答复期限2025-10-30".
 */
export function explainClock(
  cal: HolidayCalendar,
  app: Application,
  facts: ClockFacts,
  clock: RequestClock,
  feePause: boolean,
): string[] {
  const lines: string[] = [];
  const rec = app.received_on;
  lines.push(`${rec} 收到申请（${CHANNEL_LABELS[app.channel]}，条例第三十一条）`);
  lines.push(
    `补正告知期限：${rec} 起7个工作日${holidays(cal, rec, clock.correction_notice_due)}，` +
      `至${clock.correction_notice_due}（条例第三十条，一次性告知）`,
  );
  const cr = facts.correctionRequested;
  if (cr) {
    lines.push(`${cr.on} 一次性告知补正，补正期限${cr.due_on}（条例第三十条）`);
    if (facts.correctionReceived !== null) {
      lines.push(
        `${facts.correctionReceived} 收到补正，答复期限自收到补正之日起重新计算，原期限作废（条例第三十条）`,
      );
    } else {
      lines.push(
        '待补正：答复期限自收到补正之日起计算（条例第三十条）；逾期不补正的，视为放弃申请',
      );
    }
  }
  for (const e of facts.voidExtensions) {
    lines.push(`${e.on} 延长${e.working_days}个工作日，属于补正前的原期限，随原期限作废`);
  }
  for (const c of clock.consultations) {
    lines.push(
      `${c.started_on} 征求${PARTY[c.party]}意见（${PARTY_ARTICLE[c.party]}），` +
        `15个工作日${holidays(cal, c.started_on, c.window_due)}，提出意见期限${c.window_due}`,
    );
  }
  for (const p of clock.pauses) {
    const what =
      p.reason === 'fee' ? '待缴纳信息处理费' : `征求${PARTY[p.party ?? 'third_party']}意见`;
    const open = p.open ? '（尚未结束，暂计至该日）' : '';
    const basis = p.reason === 'fee' ? '平台规则，可配置' : '条例第三十三条第三款';
    lines.push(
      `${p.from} 至 ${p.to} ${what}${open}，期间${p.working_days}个工作日不计入答复期限（${basis}）`,
    );
  }
  if (facts.feeNotice && clock.fee_payment_due !== null) {
    const n = facts.feeNotice;
    lines.push(
      `${n.on} 发出收费通知（${n.basis === 'per_page' ? '按量计收' : '按件计收'}，${n.amount_yuan}元），` +
        `收到收费通知次日起20个工作日${holidays(cal, n.on, clock.fee_payment_due)}，` +
        `缴费期限${clock.fee_payment_due}（国办函〔2020〕109号）${feePause ? '' : '；缴费期间不暂停答复期限'}`,
    );
    if (facts.feePaid !== null) lines.push(`${facts.feePaid} 缴纳信息处理费`);
  }
  for (const e of facts.extensions) {
    lines.push(
      `${e.on} 经${e.approved_by}同意延长答复期限${e.working_days}个工作日，并告知申请人（条例第三十三条第二款）`,
    );
  }
  if (clock.reply_start !== null && clock.reply_due !== null) {
    const from = clock.reply_start === rec && !cr ? '收到申请' : '收到补正';
    const bits = [`${clock.reply_start} ${from}，20个工作日`];
    if (clock.paused_working_days > 0) bits.push(`暂停${clock.paused_working_days}个工作日不计`);
    if (clock.extension_days > 0) bits.push(`延长${clock.extension_days}个工作日`);
    const hol = describeHolidays(cal, clock.reply_start, clock.reply_due);
    if (hol) bits.push(hol);
    bits.push(`答复期限${clock.reply_due}（条例第三十三条）`);
    lines.push(bits.join('，'));
  }
  if (clock.concluded_on !== null && clock.outcome !== null) {
    const late = clock.overdue ? '，晚于答复期限' : '';
    const verb =
      facts.end?.type === 'withdrawn' ? '申请人撤回申请' : `办结：${OUTCOMES[clock.outcome].row}`;
    lines.push(`${clock.concluded_on} ${verb}${late}`);
  }
  if (clock.provisional)
    lines.push('注意：期限跨越尚未录入官方节假日安排的年份，为暂定期限，录入后将重新计算');
  return lines;
}
