import { addDays, isWeekend, weekday, type HolidayCalendar } from './calendar.model.js';

const HEAD = ['一', '二', '三', '四', '五', '六', '日'];
const HEAD_FULL = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];

/** Cell for one date: the day number and, for listed days, a text marker 休/班 (never colour alone). */
function DayCell(props: { cal: HolidayCalendar; date: string }) {
  const { cal, date } = props;
  const day = Number(date.slice(8));
  const name = cal.names?.get(date);
  if (cal.workDays.has(date)) {
    return (
      <td class="day--work">
        {day} <span aria-hidden="true">班</span>
        <span class="visually-hidden">（{name ?? ''}调休上班）</span>
      </td>
    );
  }
  if (cal.offDays.has(date)) {
    return (
      <td class="day--off">
        {day} <span aria-hidden="true">休</span>
        <span class="visually-hidden">（{name ?? ''}放假）</span>
      </td>
    );
  }
  return <td class={isWeekend(date) ? 'muted' : undefined}>{day}</td>;
}

/** One month as a table, Monday first, with a caption and column headers. */
export function MonthGrid(props: { cal: HolidayCalendar; year: number; month: number }) {
  const first = `${props.year}-${String(props.month).padStart(2, '0')}-01`;
  const lead = (weekday(first) + 6) % 7;
  const cells: Array<string | null> = Array.from({ length: lead }, () => null);
  for (let d = first; d.slice(0, 7) === first.slice(0, 7); d = addDays(d, 1)) cells.push(d);
  while (cells.length % 7) cells.push(null);
  const weeks: Array<Array<string | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return (
    <table class="calendar-month">
      <caption>
        {props.year}年{props.month}月
      </caption>
      <thead>
        <tr>
          {HEAD.map((h, i) => (
            <th scope="col" key={h}>
              <abbr title={HEAD_FULL[i]}>{h}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((w, i) => (
          <tr key={i}>
            {w.map((d, j) =>
              d ? <DayCell key={d} cal={props.cal} date={d} /> : <td key={`e${j}`} />,
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The twelve months of a year with a legend explaining the markers. */
export function YearGrid(props: { cal: HolidayCalendar; year: number }) {
  return (
    <section aria-labelledby="grid-title">
      <h2 id="grid-title">{props.year}年月历</h2>
      <p class="muted">
        “休”为放假日，“班”为调休上班日；未标注的周六、周日为休息日，其余为工作日。
      </p>
      <div class="table-wrap" tabIndex={0}>
        {Array.from({ length: 12 }, (_, i) => (
          <MonthGrid key={i} cal={props.cal} year={props.year} month={i + 1} />
        ))}
      </div>
    </section>
  );
}
