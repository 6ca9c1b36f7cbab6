import { readFile } from 'node:fs/promises';
import {
  finding,
  formatFinding,
  hasErrors,
  toJsonFinding,
  type LocatedFinding,
} from '../reports/findings.model.js';
import { validateReports } from '../reports/validate.model.js';
import { generateCommand } from '../reports/report.cli.js';
import { parseOptions, UsageError, type CliIO, type Command } from './io.js';

/**
 * `gongkai report …`: the annual report (条例第四十九条、第五十条).
 * - `report validate FILE... [--format text|json] [--published-on YYYY-MM-DD]` checks
 *   `gongkai-annual-report` documents (EXCHANGE.md §2.2); exit 1 if any finding is an error.
 * - `report ORG YEAR --format json|html|docx|xlsx|csv [--out FILE]` writes an org's report
 *   generated from the platform's records (EXCHANGE.md §2.1); the text is the one staff saved, or
 *   the draft. Unknown org: exit 1 (ERR_ORG_NOT_FOUND); bad year or format: exit 2.
 */

const USAGE =
  '用法:\n' +
  '  gongkai report validate FILE... [--format text|json] [--published-on YYYY-MM-DD]\n' +
  '      校验 gongkai-annual-report 年度报告数据文件（FILE 为 - 时读标准输入）\n' +
  '  gongkai report ORG YEAR --format json|html|docx|xlsx|csv [--out FILE]\n' +
  '      根据平台记录生成单位的年度报告（docx、xlsx 须指定 --out 或重定向输出）\n';

/** Subcommands by name; any other first word is an org code (`report ORG YEAR`). */
const SUBCOMMANDS: Record<string, Command> = {
  validate: validateCommand,
};

/** Dispatches `gongkai report …`. */
export const run: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io[sub === undefined ? 'stderr' : 'stdout'](USAGE);
    return sub === undefined ? 2 : 0;
  }
  const handler = SUBCOMMANDS[sub];
  if (handler) return handler(rest, io);
  return generateCommand(args, io);
};

/** A file's content as a JSON value, or the SHAPE finding that says why it could not be read. */
type Loaded = { ok: true; value: unknown } | { ok: false; message: string };

async function load(file: string, io: CliIO): Promise<Loaded> {
  let text: string;
  try {
    text = file === '-' ? await io.readStdin() : await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const reason = READ_ERRORS[code] ?? errorText(err);
    return { ok: false, message: `无法读取文件 ${file}：${reason}` };
  }
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (err) {
    return { ok: false, message: `文件 ${file} 不是有效的 JSON：${errorText(err)}` };
  }
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: '文件不存在',
  EISDIR: '这是一个目录，不是文件',
  EACCES: '没有读取权限',
};

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** `gongkai report validate FILE...` */
async function validateCommand(args: string[], io: CliIO): Promise<number> {
  const { positional: files, options } = parseOptions(args, {
    format: 'string',
    'published-on': 'string',
  });
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format 只能是 text 或 json（收到 ${String(format)}）\n\n${USAGE}`);
  const publishedOn = options['published-on'];
  if (publishedOn !== undefined && !isIsoDate(publishedOn)) {
    throw new UsageError(
      `--published-on 应为 YYYY-MM-DD 格式的日期（收到 ${String(publishedOn)}）`,
    );
  }
  if (files.length === 0) throw new UsageError(`请给出至少一个年度报告数据文件\n\n${USAGE}`);

  const loaded = await Promise.all(files.map((file) => load(file, io)));
  const readable = loaded.flatMap((l, i) => (l.ok ? [{ index: i, value: l.value }] : []));
  const checked = validateReports(
    readable.map((r) => r.value),
    { publishedOn: typeof publishedOn === 'string' ? publishedOn : undefined },
  ).map((f) => ({ ...f, doc: readable[f.doc]?.index ?? f.doc }));
  const unreadable = loaded.flatMap((l, doc): LocatedFinding[] =>
    l.ok ? [] : [finding({ doc, org: null, year: null }, 'SHAPE', '', l.message)],
  );
  // Findings are listed file by file, in the order the files were given.
  const findings = [...unreadable, ...checked].sort((a, b) => a.doc - b.doc);

  if (format === 'json') io.stdout(`${JSON.stringify(findings.map(toJsonFinding), null, 2)}\n`);
  else if (findings.length === 0) io.stdout('未发现问题\n');
  else for (const f of findings) io.stdout(`${files[f.doc] ?? '-'}: ${formatFinding(f)}\n`);
  return hasErrors(findings) ? 1 : 0;
}

function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
