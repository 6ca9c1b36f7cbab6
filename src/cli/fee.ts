import { FEE_INPUT_MAX, feePerApplication, feePerPage } from '../requests/fees.model.js';
import { parseOptions, UsageError, type Command } from './io.js';

const USAGE =
  '用法: gongkai fee per-application N [--format text|json]   第 N 件申请（同一申请人本自然月内）的按件收费\n' +
  '      gongkai fee per-page P [--format text|json]          P 页的按量收费\n' +
  '依据: 国办函〔2020〕109号《政府信息公开信息处理费管理办法》';

/** Parses a positive whole number written in digits, refusing text, zero and huge values. */
function parseCount(raw: string | undefined, label: string): number {
  if (raw === undefined) throw new UsageError(`请提供${label}。\n${USAGE}`);
  if (!/^\d+$/.test(raw)) throw new UsageError(`${label}应为正整数，收到“${raw}”。\n${USAGE}`);
  const value = Number(raw);
  if (value === 0) throw new UsageError(`${label}应为正整数，不能为 0。\n${USAGE}`);
  if (value > FEE_INPUT_MAX)
    throw new UsageError(`${label}过大（最多 ${FEE_INPUT_MAX}）。\n${USAGE}`);
  return value;
}

/**
 * `gongkai fee per-application N` / `gongkai fee per-page P`: the 信息处理费 in yuan
 * (国办函〔2020〕109号 第三条至第五条, REGULATIONS.md §5.3).
 */
export const run: Command = async (args, io) => {
  const { positional, options } = parseOptions(args, { format: 'string', help: 'boolean' });
  if (options.help === true) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format 只能是 text 或 json。\n${USAGE}`);
  const [basis, raw, ...extra] = positional;
  if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(' ')}\n${USAGE}`);
  let result: Record<string, string | number>;
  if (basis === 'per-application') {
    const n = parseCount(raw, '申请件数 N');
    result = { basis: 'per_application', n, fee_yuan: feePerApplication(n) };
  } else if (basis === 'per-page') {
    const pages = parseCount(raw, '页数 P');
    result = { basis: 'per_page', pages, fee_yuan: feePerPage(pages) };
  } else {
    throw new UsageError(
      `${basis === undefined ? '请指定计收方式' : `未知的计收方式：${basis}`}。\n${USAGE}`,
    );
  }
  io.stdout(format === 'json' ? `${JSON.stringify(result)}\n` : `${result.fee_yuan}\n`);
  return 0;
};
