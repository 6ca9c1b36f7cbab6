import { readFile } from 'node:fs/promises';
import { blocksPublication, checkText } from '../monitoring/engine.js';
import type { Finding } from '../monitoring/findings.model.js';
import { chinaDate } from '../platform/time.js';
import { parseOptions, UsageError, type Command } from './io.js';

const USAGE = '用法: gongkai check text FILE [--format text|json]（FILE 为 - 时读标准输入）';

function formatLine(f: Finding): string {
  return `[${f.category}/${f.rule}] ${f.start}-${f.end} 「${f.text}」 → ${f.suggestion}`;
}

async function readInput(file: string, readStdin: () => Promise<string>): Promise<string> {
  if (file === '-') return readStdin();
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : '无法读取';
    throw new UsageError(`无法读取文件 ${file}：${reason}`);
  }
}

/**
 * `gongkai check text FILE [--format json]`: runs the content checks of REGULATIONS.md §7.4–§7.6
 * on a text file (or standard input with `-`). Exit code 0 when nothing blocks publication, 1
 * when a blocking finding exists (secrecy marker, or high-confidence personal data), 2 on usage
 * errors such as a missing file.
 */
export const run: Command = async (args, io) => {
  // `check links URL` lives in its own module (link checker, issue 7).
  if (args[0] === 'links') return (await import('./check-links.js')).run(args.slice(1), io);
  // `check site` runs the monitoring scan (issue 7 monitors).
  if (args[0] === 'site') return (await import('./check-site.js')).run(args.slice(1), io);
  const { positional, options } = parseOptions(args, { format: 'string' });
  const [sub, file, ...extra] = positional;
  if (sub !== 'text' || file === undefined || extra.length > 0) throw new UsageError(USAGE);
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`不支持的输出格式 ${String(format)}（可选 text、json）`);
  const text = await readInput(file, () => io.readStdin());
  const findings = checkText(text, { today: chinaDate(new Date()) });
  if (format === 'json') {
    const rows = findings.map(
      ({ category, rule, start, end, text: t, suggestion, severity, context }) => ({
        category,
        rule,
        start,
        end,
        text: t,
        suggestion,
        severity,
        context,
      }),
    );
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  } else if (findings.length === 0) {
    io.stdout('未发现问题。\n');
  } else {
    io.stdout(findings.map((f) => `${formatLine(f)}\n`).join(''));
  }
  const blocks = blocksPublication(findings);
  if (blocks && format === 'text')
    io.stderr('存在阻止发布的问题（涉密标志或个人信息），须处理或经审核人注明理由后方可发布。\n');
  return blocks ? 1 : 0;
};
