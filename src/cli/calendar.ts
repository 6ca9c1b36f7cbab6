import { explainDeadline } from '../calendar/calendar.explain.js';
import { weekdayName } from '../calendar/calendar.model.js';
import { calcSchema, yearSchema } from '../calendar/calendar.schema.js';
import { calendarYear, loadCalendar } from '../calendar/calendar.service.js';
import { zodFieldErrors } from '../platform/validation.js';
import { parseOptions, UsageError, withContext, type CliIO, type Command } from './io.js';

const USAGE = `用法:
  gongkai calendar add FROM N [--format json]   FROM 之后第 N 个工作日（FROM 当日不计入）
  gongkai calendar show YEAR [--format json]    列出某年的放假日和调休上班日`;

const ORIGIN_LABELS = {
  shipped: '内置数据',
  override: '管理员录入',
  provisional: '暂无官方安排（仅按周末推算）',
};

function format(options: Record<string, string | boolean>): 'text' | 'json' {
  const f = options.format ?? 'text';
  if (f !== 'text' && f !== 'json')
    throw new UsageError(`--format 只能是 text 或 json，收到“${String(f)}”`);
  return f;
}

/** `calendar add FROM N`: the N-th working day after FROM (REGULATIONS §4.3), with DB overrides. */
async function add(args: string[], io: CliIO): Promise<number> {
  const { positional, options } = parseOptions(args, { format: 'string' });
  const fmt = format(options);
  if (positional.length !== 2)
    throw new UsageError(`calendar add 需要两个参数：起算日期和工作日数\n${USAGE}`);
  const parsed = calcSchema.safeParse({ from: positional[0], n: positional[1] });
  if (!parsed.success) {
    throw new UsageError(Object.values(zodFieldErrors(parsed.error)).join('；'));
  }
  const { from, n } = parsed.data;
  const e = await withContext(io, async (ctx) => explainDeadline(await loadCalendar(ctx), from, n));
  if (fmt === 'json') {
    io.stdout(
      `${JSON.stringify({ from, working_days: n, date: e.date, provisional: e.provisional })}\n`,
    );
  } else {
    io.stdout(`${e.date}${e.provisional ? ' (provisional)' : ''}\n`);
    if (e.provisional) {
      io.stderr(
        `注意：${e.provisionalYears.join('、')} 年尚无官方放假安排，结果仅按周末推算，待管理员录入后可能变化。\n`,
      );
    }
  }
  return 0;
}

/** `calendar show YEAR`: the year's 放假日 and 调休上班日 and where they come from. */
async function show(args: string[], io: CliIO): Promise<number> {
  const { positional, options } = parseOptions(args, { format: 'string' });
  const fmt = format(options);
  if (positional.length !== 1) throw new UsageError(`calendar show 需要一个参数：年份\n${USAGE}`);
  const parsed = yearSchema.safeParse(positional[0]);
  if (!parsed.success)
    throw new UsageError(`年份“${positional[0]}”无效：${parsed.error.issues[0]?.message ?? ''}`);
  const info = await withContext(io, (ctx) => calendarYear(ctx, parsed.data));
  if (fmt === 'json') {
    io.stdout(`${JSON.stringify(info)}\n`);
    return 0;
  }
  io.stdout(`${info.year} 年工作日历：${ORIGIN_LABELS[info.origin]}\n`);
  if (info.source) io.stdout(`来源：${info.source}\n`);
  for (const p of info.papers) io.stdout(`通知：${p}\n`);
  if (info.note) io.stdout(`备注：${info.note}\n`);
  for (const d of info.days) {
    io.stdout(`${d.date} ${weekdayName(d.date)} ${d.isOffDay ? '休' : '班'} ${d.name}\n`);
  }
  return 0;
}

/** `gongkai calendar add|show`. */
export const run: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === 'add') return add(rest, io);
  if (sub === 'show') return show(rest, io);
  if (sub === undefined || sub === '--help' || sub === 'help') {
    io.stdout(`${USAGE}\n`);
    return sub === undefined ? 2 : 0;
  }
  throw new UsageError(`未知子命令：calendar ${sub}\n${USAGE}`);
};
