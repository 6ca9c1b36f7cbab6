import type { ComponentChildren } from 'preact';
import type { Actor } from '../platform/authz.js';
import { formatChinaTime } from '../platform/time.js';
import { Button, ErrorSummary, PostButton, TextField } from '../platform/views/components/form.js';
import { Notice, SummaryList } from '../platform/views/components/misc.js';
import { AdminLayout } from '../platform/views/layouts.js';
import type { DeadlineExplanation } from './calendar.explain.js';
import { weekdayName, type HolidayCalendar } from './calendar.model.js';
import { YearGrid } from './calendar.month-grid.js';
import type { CalendarOrigin, CalendarYearInfo } from './calendar.service.js';

/** How each origin is named on pages. */
export const ORIGIN_LABELS: Record<CalendarOrigin, string> = {
  shipped: '内置数据（国务院办公厅通知）',
  override: '管理员录入（覆盖内置数据）',
  provisional: '暂无官方安排（仅按周末推算，期限为暂定）',
};

interface Chrome {
  actor: Actor;
  csrf: string;
}

/** The calculator's current input, errors and result. */
export interface CalcState {
  from: string;
  n: string;
  errors?: Record<string, string>;
  result?: DeadlineExplanation;
}

const CALC_LABELS = { from: '起算日期', n: '工作日数' };

/** GET form computing the N-th working day (REGULATIONS §4.3); works without JavaScript. */
export function CalcForm(props: { state: CalcState }) {
  const { state } = props;
  return (
    <form
      method="get"
      action="/admin/calendar/calc"
      class="filters"
      aria-labelledby="calc-title"
      novalidate
    >
      <TextField
        name="from"
        label={CALC_LABELS.from}
        hint="如 2025-09-30，当日不计入"
        value={state.from}
        error={state.errors?.from}
        width="medium"
      />
      <TextField
        name="n"
        label={CALC_LABELS.n}
        hint="如 20"
        value={state.n}
        error={state.errors?.n}
        width="short"
        inputmode="numeric"
      />
      <div class="field">
        <Button>计算</Button>
      </div>
    </form>
  );
}

/** The result of the calculator with its explanation. */
export function CalcResult(props: { result: DeadlineExplanation }) {
  const r = props.result;
  return (
    <div class="notice notice--info" role="status" aria-live="polite">
      <p>
        <strong>
          {r.date}（{weekdayName(r.date)}）{r.provisional ? '（暂定）' : ''}
        </strong>
      </p>
      <p>{r.text}</p>
    </div>
  );
}

function CalcSection(props: { state: CalcState }) {
  return (
    <section aria-labelledby="calc-title">
      <h2 id="calc-title">工作日计算</h2>
      <ErrorSummary errors={props.state.errors} labels={CALC_LABELS} />
      <CalcForm state={props.state} />
      {props.state.result ? <CalcResult result={props.state.result} /> : null}
    </section>
  );
}

/** Table of the year's listed days: date, weekday, name and kind. */
function DaysTable(props: { info: CalendarYearInfo }) {
  const { info } = props;
  if (info.days.length === 0) return <p>{info.year}年尚未录入放假和调休安排。</p>;
  return (
    <div class="table-wrap" tabIndex={0}>
      <table>
        <caption>{info.year}年放假日和调休上班日</caption>
        <thead>
          <tr>
            <th scope="col">日期</th>
            <th scope="col">星期</th>
            <th scope="col">节日</th>
            <th scope="col">类型</th>
          </tr>
        </thead>
        <tbody>
          {info.days.map((d) => (
            <tr key={d.date}>
              <th scope="row">{d.date}</th>
              <td>{weekdayName(d.date)}</td>
              <td>{d.name}</td>
              <td>{d.isOffDay ? '休（放假）' : '班（调休上班）'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SourceList(props: { info: CalendarYearInfo }) {
  const { info } = props;
  const rows: Array<[string, ComponentChildren]> = [
    ['数据来源', ORIGIN_LABELS[info.origin]],
    ['来源通知', info.source],
  ];
  if (info.papers.length) {
    rows.push([
      '通知原文',
      info.papers.map((p) => (
        <a key={p} href={p} rel="noopener noreferrer">
          {p}
        </a>
      )),
    ]);
  }
  if (info.dataset) rows.push(['数据整理', info.dataset]);
  if (info.origin === 'override') {
    rows.push(
      ['录入人', info.enteredBy ?? '系统'],
      ['录入时间', info.enteredAt ? formatChinaTime(info.enteredAt) : null],
    );
    rows.push(['备注', info.note]);
  }
  return <SummaryList caption="数据来源" rows={rows} />;
}

/** GET /admin/calendar?year=: a year's arrangement, its month grid and the calculator. */
export function CalendarPage(
  props: Chrome & {
    info: CalendarYearInfo;
    cal: HolidayCalendar;
    canEdit: boolean;
    saved?: string;
    calc: CalcState;
  },
) {
  const { info } = props;
  const y = info.year;
  return (
    <AdminLayout
      title={`${y}年工作日历`}
      actor={props.actor}
      csrf={props.csrf}
      currentPath="/admin/calendar"
    >
      <h1>{y}年工作日历</h1>
      {props.saved === 'set' ? (
        <Notice kind="success">已保存{y}年的放假和调休安排，相关期限将按新安排计算。</Notice>
      ) : null}
      {props.saved === 'removed' ? (
        <Notice kind="success">已撤销{y}年的管理员录入，恢复使用内置数据。</Notice>
      ) : null}
      {info.origin === 'provisional' ? (
        <Notice kind="warning">
          {y}
          年尚无官方放假安排：目前只把周六、周日算作休息日，据此计算的期限均为暂定。国务院办公厅通知发布后，请平台管理员录入。
        </Notice>
      ) : null}
      <nav class="button-row" aria-label="选择年份">
        <a href={`/admin/calendar?year=${y - 1}`}>上一年（{y - 1}年）</a>
        <a href={`/admin/calendar?year=${y + 1}`}>下一年（{y + 1}年）</a>
        {props.canEdit ? (
          <a href={`/admin/calendar/${y}/edit`}>
            {info.origin === 'provisional' ? '录入' : '修改'}
            {y}年安排
          </a>
        ) : null}
        {props.canEdit && info.origin === 'override' ? (
          <PostButton action={`/admin/calendar/${y}/remove`} csrf={props.csrf} variant="danger">
            撤销录入，恢复内置数据
          </PostButton>
        ) : null}
      </nav>
      <SourceList info={info} />
      <DaysTable info={info} />
      <YearGrid cal={props.cal} year={y} />
      <CalcSection state={props.calc} />
    </AdminLayout>
  );
}

/** GET /admin/calendar/calc: the calculator on its own page. */
export function CalcPage(props: Chrome & { calc: CalcState }) {
  return (
    <AdminLayout
      title="工作日计算"
      actor={props.actor}
      csrf={props.csrf}
      currentPath="/admin/calendar/calc"
    >
      <h1>工作日计算</h1>
      <p>
        按“自某日起N个工作日内”计算：起算当日不计入，遇放假日顺延，调休上班日计入。
        <a href="/admin/calendar">查看工作日历</a>
      </p>
      <CalcSection state={props.calc} />
    </AdminLayout>
  );
}
