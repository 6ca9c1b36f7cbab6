import type { Actor } from '../platform/authz.js';
import {
  Button,
  CsrfField,
  ErrorSummary,
  TextArea,
  TextField,
} from '../platform/views/components/form.js';
import { AdminLayout } from '../platform/views/layouts.js';
import { ORIGIN_LABELS } from './calendar.views.js';
import type { CalendarOrigin } from './calendar.service.js';

/** What the edit form shows: the submitted (or current) values and any errors. */
export interface YearEditValues {
  source: string;
  note: string;
  days: string;
}

const LABELS = { source: '来源通知', note: '备注', days: '放假和调休安排' };

/**
 * GET/POST /admin/calendar/:year/edit: a year's whole arrangement, one day per line, with its
 * source notice (REGULATIONS §6.2 [Design]). Saving replaces the year as a whole.
 */
export function YearEditPage(props: {
  actor: Actor;
  csrf: string;
  year: number;
  origin: CalendarOrigin;
  values: YearEditValues;
  errors?: Record<string, string>;
}) {
  const y = props.year;
  const title = `录入${y}年放假和调休安排`;
  return (
    <AdminLayout title={title} actor={props.actor} csrf={props.csrf} currentPath="/admin/calendar">
      <h1>{title}</h1>
      <ErrorSummary errors={props.errors} labels={LABELS} />
      <p>
        当前数据：{ORIGIN_LABELS[props.origin]}。保存后，本页内容将整体替换{y}
        年的安排，并记入审计日志；在办案件的期限将按新安排重新计算。
      </p>
      <form method="post" action={`/admin/calendar/${y}/edit`} novalidate>
        <CsrfField token={props.csrf} />
        <TextField
          name="source"
          label={LABELS.source}
          hint="通知的名称、文号或网址，如“国务院办公厅关于2027年部分节假日安排的通知”"
          value={props.values.source}
          error={props.errors?.source}
          required
        />
        <TextArea
          name="days"
          label={LABELS.days}
          hint={`每行一天：日期、“休”（放假日）或“班”（调休上班日）、节日名称，用空格分隔，如“${y}-01-01 休 元旦”“${y}-02-07 班 春节”。放假期间的周六、周日也应列为“休”；只列通知中提到的日期。可列入上一年12月和下一年1月的日期。`}
          value={props.values.days}
          error={props.errors?.days}
          rows={20}
          required
        />
        <TextField
          name="note"
          label={LABELS.note}
          value={props.values.note}
          error={props.errors?.note}
        />
        <div class="button-row">
          <Button>保存</Button>
          <a href={`/admin/calendar?year=${y}`}>取消</a>
        </div>
      </form>
    </AdminLayout>
  );
}
