import { systemActor } from '../platform/authz.js';
import { findOrg } from '../orgs/orgs.service.js';
import { AppError } from '../platform/errors.js';
import { listAllForCli } from '../requests/applications.cli.js';
import { parseOptions, UsageError, withContext, type Command } from './io.js';

const USAGE =
  '用法: gongkai applications list ORG [--format text|json]   列出单位的全部政府信息公开申请及其期限';

/**
 * `gongkai applications list ORG`: every application of the org with ref, status, received_on,
 * reply_due_on, correction_notice_due_on, paused_working_days, outcome, concluded_on (EXCHANGE.md
 * §1.3 vocabulary). An unknown org exits 1 with ERR_ORG_NOT_FOUND.
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
  const [sub, orgCode, ...extra] = positional;
  if (sub !== 'list' || !orgCode || extra.length > 0) throw new UsageError(USAGE);
  return withContext(io, async (ctx) => {
    if (!(await findOrg(ctx, orgCode)))
      throw new AppError('ERR_ORG_NOT_FOUND', 404, `单位 ${orgCode} 不存在。`);
    const rows = await listAllForCli(ctx, systemActor('cli'), orgCode);
    if (format === 'json') {
      io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    const cols = [
      'ref',
      'status',
      'received_on',
      'reply_due_on',
      'correction_notice_due_on',
      'paused_working_days',
      'outcome',
      'concluded_on',
    ] as const;
    const table = [cols.map(String), ...rows.map((r) => cols.map((c) => String(r[c] ?? '-')))];
    const widths = cols.map((_, i) => Math.max(...table.map((line) => (line[i] ?? '').length)));
    for (const line of table)
      io.stdout(
        `${line
          .map((cell, i) => cell.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd()}\n`,
      );
    io.stdout(`共 ${rows.length} 件\n`);
    return 0;
  });
};
