import { KIND_LABELS, type MonitorKind } from '../monitoring/monitor.contract.js';
import { orgFindingsSummary, type OrgFindingsSummary } from '../monitoring/monitoring.service.js';
import { runMonitorScan } from '../monitoring/scan.service.js';
import { findOrg } from '../orgs/orgs.service.js';
import { listOrgRows } from '../orgs/orgs.repository.js';
import { systemActor } from '../platform/authz.js';
import { AppError } from '../platform/errors.js';
import { parseOptions, UsageError, withContext, type CliIO, type Command } from './io.js';

const USAGE = '用法: gongkai check site [--org CODE] [--format text|json]';

const SEVERITY: Record<string, string> = { veto: '单项否决', major: '较重', minor: '一般' };

function textReport(
  scan: { opened: number; reopened: number; closed: number },
  orgs: OrgFindingsSummary[],
): string {
  let out = `监测完成：新发现 ${scan.opened} 个问题，重新打开 ${scan.reopened} 个，已解决 ${scan.closed} 个。\n`;
  for (const o of orgs) {
    out += `\n${o.name}（${o.code}）：${o.vetoed ? '存在单项否决问题' : '未触发单项否决'}，待整改 ${o.active} 个\n`;
    for (const c of o.veto_checks)
      out += `  ${c.triggered ? '✗' : '✓'} ${c.label}：${c.count}（阈值 ${c.threshold}）\n`;
    for (const f of o.findings)
      out += `  [${SEVERITY[f.severity] ?? f.severity}] ${KIND_LABELS[f.kind as MonitorKind] ?? f.kind}：${f.title}${f.due_on ? `（整改期限 ${f.due_on}）` : ''}\n`;
  }
  return out;
}

/**
 * `gongkai check site [--org CODE] [--format json]`: runs every monitor (issue 7) over one org or
 * all orgs, stores the findings and prints the summary. Exit code 0 when no org has a 单项否决
 * problem, 1 when one has, 2 on usage errors.
 */
export const run: Command = async (args: string[], io: CliIO) => {
  const { positional, options } = parseOptions(args, { org: 'string', format: 'string' });
  if (positional.length > 0) throw new UsageError(USAGE);
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`不支持的输出格式 ${String(format)}（可选 text、json）\n${USAGE}`);
  return withContext(io, async (ctx) => {
    const actor = systemActor('cli');
    let orgIds: number[];
    if (typeof options.org === 'string') {
      const org = await findOrg(ctx, options.org);
      if (!org) throw new AppError('ERR_ORG_NOT_FOUND', 404, `单位 ${options.org} 不存在。`);
      orgIds = [org.id];
    } else orgIds = (await listOrgRows(ctx.db)).map((o) => o.id);
    const scan = await runMonitorScan(
      ctx,
      actor,
      orgIds.length === 1 && typeof options.org === 'string' ? { orgId: orgIds[0] } : {},
    );
    const orgs: OrgFindingsSummary[] = [];
    for (const id of orgIds) orgs.push(await orgFindingsSummary(ctx, actor, id));
    if (format === 'json')
      io.stdout(
        `${JSON.stringify(
          {
            scan: {
              id: scan.scanId,
              orgs: scan.orgs,
              opened: scan.opened,
              reopened: scan.reopened,
              closed: scan.closed,
            },
            orgs,
          },
          null,
          2,
        )}\n`,
      );
    else io.stdout(textReport(scan, orgs));
    return orgs.some((o) => o.vetoed) ? 1 : 0;
  });
};
