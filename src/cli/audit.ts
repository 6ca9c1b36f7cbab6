import { verifyAuditLog } from '../platform/audit/audit.service.js';
import { parseOptions, UsageError, withContext, type Command } from './io.js';

const KIND_LABELS = {
  edited: '被修改',
  inserted: '被插入',
  deleted: '被删除',
  head: '链头不符',
} as const;

/**
 * `gongkai audit verify [--format text|json]`: walks the SM3 hash chain of the audit log. Exit 0
 * when intact; exit 1 naming the first edited, inserted or deleted entry.
 */
export const run: Command = async (args, io) => {
  const { positional, options } = parseOptions(args, { format: 'string' });
  if (positional[0] !== 'verify' || positional.length !== 1) {
    throw new UsageError('用法: gongkai audit verify [--format text|json]');
  }
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError('--format 只能是 text 或 json');
  const result = await withContext(io, (ctx) => verifyAuditLog(ctx));
  if (format === 'json') {
    io.stdout(
      `${JSON.stringify({ ok: result.problem === null, entries: result.entries, problem: result.problem })}\n`,
    );
  } else if (result.problem) {
    const p = result.problem;
    io.stdout(
      `审计日志异常：第 ${p.seq} 条记录${KIND_LABELS[p.kind]}（${p.kind}）\n${p.message}\n`,
    );
  } else {
    io.stdout(`审计日志完整：${result.entries} 条记录\n`);
  }
  return result.problem ? 1 : 0;
};
