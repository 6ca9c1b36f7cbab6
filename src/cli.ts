import { reportError, type CliIO, type Command } from './cli/io.js';

/** Command name → module (loaded on demand, one file per command in src/cli/). */
const COMMANDS: Record<string, { load: () => Promise<{ run: Command }>; help: string }> = {
  serve: {
    load: () => import('./cli/serve.js'),
    help: 'serve [--demo]          启动网站（门户、后台、API）',
  },
  worker: {
    load: () => import('./cli/worker.js'),
    help: 'worker                  单独运行后台任务进程',
  },
  migrate: {
    load: () => import('./cli/migrate.js'),
    help: 'migrate                 执行数据库迁移',
  },
  user: { load: () => import('./cli/user.js'), help: 'user create ...         创建用户' },
  applications: {
    load: () => import('./cli/applications.js'),
    help: 'applications list ORG   列出单位的政府信息公开申请',
  },
  calendar: {
    load: () => import('./cli/calendar.js'),
    help: 'calendar add FROM N     计算 FROM 之后第 N 个工作日',
  },
  audit: {
    load: () => import('./cli/audit.js'),
    help: 'audit verify            校验审计日志哈希链',
  },
  backup: { load: () => import('./cli/backup.js'), help: 'backup FILE             备份数据库' },
  restore: {
    load: () => import('./cli/restore.js'),
    help: 'restore FILE            从备份恢复数据库',
  },
  import: {
    load: () => import('./cli/import.js'),
    help: 'import FILE             导入 gongkai-exchange 文件',
  },
  export: {
    load: () => import('./cli/export.js'),
    help: 'export [--org CODE]     导出 gongkai-exchange 文件',
  },
  report: {
    load: () => import('./cli/report.js'),
    help: 'report validate FILE... 校验年度报告数据',
  },
  fee: {
    load: () => import('./cli/fee.js'),
    help: 'fee per-application N | per-page P  计算信息处理费',
  },
  search: {
    load: () => import('./cli/search.js'),
    help: 'search ORG QUERY | reindex [ORG]  检索已公开信息 / 重建检索索引',
  },
  attachments: {
    load: () => import('./cli/attachments.js'),
    help: 'attachments migrate --to dir|db | check | clean  附件存储迁移、检查与清理',
  },
  monitoring: {
    load: () => import('./cli/monitoring.js'),
    help: 'monitoring score ORG [--from D] [--to D]  计算单位绩效考核得分',
  },
  check: {
    load: () => import('./cli/check.js'),
    help: 'check text FILE | links URL | site [--org CODE]  检查文本、网站链接，或运行网站与内容监测',
  },
};

function usage(): string {
  return `用法: gongkai <命令> [参数]\n\n${Object.values(COMMANDS)
    .map((c) => `  ${c.help}`)
    .join('\n')}\n`;
}

/** Entry point shared by bin/gongkai.js and tests. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr(`未知命令: ${name}\n\n${usage()}`);
    return 2;
  }
  try {
    const mod = await entry.load();
    return await mod.run(rest, io);
  } catch (err) {
    return reportError(io, err);
  }
}
