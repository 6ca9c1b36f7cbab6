import { systemActor } from '../platform/authz.js';
import { INDICATOR_LABELS } from '../monitoring/scores.model.js';
import { orgScore } from '../monitoring/scores.service.js';
import {
  parseOptions,
  reportError,
  UsageError,
  withContext,
  type CliIO,
  type Command,
} from './io.js';

/**
 * `gongkai monitoring …` (issue 7):
 * - `monitoring score ORG [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format text|json]` prints the
 *   org's 绩效考核 score for the period (REGULATIONS.md §7.1): result, total, each indicator's
 *   deduction and the formula. Unknown org or bad dates: exit 1; usage errors: exit 2.
 */
const USAGE =
  '用法:\n' +
  '  gongkai monitoring score ORG [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format text|json]\n' +
  '      计算单位在期间内的绩效考核得分（默认期间：本年1月1日至今天）\n';

const SUBCOMMANDS: Record<string, Command> = { score: scoreCommand };

/** Dispatches `gongkai monitoring …`. */
export const run: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io[sub === undefined ? 'stderr' : 'stdout'](USAGE);
    return sub === undefined ? 2 : 0;
  }
  const handler = SUBCOMMANDS[sub];
  if (!handler) {
    io.stderr(`未知子命令 ${sub}\n${USAGE}`);
    return 2;
  }
  return handler(rest, io);
};

async function scoreCommand(args: string[], io: CliIO): Promise<number> {
  try {
    const { positional, options } = parseOptions(args, {
      from: 'string',
      to: 'string',
      format: 'string',
    });
    const [code, ...extra] = positional;
    if (!code || extra.length) throw new UsageError(USAGE);
    const format = (options.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json')
      throw new UsageError(`--format 只能是 text 或 json\n${USAGE}`);
    const view = await withContext(io, (ctx) =>
      orgScore(ctx, systemActor('cli'), code, { from: options.from, to: options.to }),
    );
    const s = view.score;
    if (format === 'json') {
      io.stdout(
        `${JSON.stringify(
          {
            org: view.org.code,
            from: view.period.from,
            to: view.period.to,
            result: s.result,
            total: s.total,
            deductions: s.deductions,
            bonus: s.bonus,
            vetoes: s.vetoes,
            indicators: s.indicators.map((i) => ({
              indicator: i.indicator,
              weight: i.weight,
              deduction: i.deduction,
              raw: i.raw,
              formula: i.formula,
            })),
            inputs: { ...view.inputs, findings: view.inputs.findings.length },
            formula: s.formula,
          },
          null,
          2,
        )}\n`,
      );
      return 0;
    }
    io.stdout(`${view.org.name}（${view.org.code}）${view.period.from} 至 ${view.period.to}\n`);
    io.stdout(`考核结果：${s.result}${s.total === null ? '' : `，得分 ${s.total}`}\n`);
    for (const v of s.vetoes) io.stdout(`  单项否决：${v.kind} × ${v.count}\n`);
    for (const i of s.indicators) io.stdout(`  ${INDICATOR_LABELS[i.indicator]}：${i.formula}\n`);
    io.stdout(`${s.formula}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n`);
      return 2;
    }
    return reportError(io, err);
  }
}
