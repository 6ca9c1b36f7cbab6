import { loadConfig } from '../platform/config.js';
import { restoreDatabase } from '../platform/backup/backup.service.js';
import { parseOptions, UsageError, type Command } from './io.js';

/**
 * `gongkai restore FILE`: replaces the SQLite database with a backup after checking it. Stop the
 * server and workers first (the command refuses while the database is open elsewhere). The
 * previous database is kept beside it as `<file>.pre-restore-<time>`.
 */
export const run: Command = async (args, io) => {
  const { positional } = parseOptions(args, {});
  const [file] = positional;
  if (!file || positional.length !== 1) throw new UsageError('用法: gongkai restore FILE');
  const config = loadConfig(io.env);
  const r = restoreDatabase(config, file, new Date());
  io.stdout(`已从 ${file} 恢复数据库（${r.migrations} 个迁移）\n`);
  if (r.keptAs) io.stdout(`原数据库已保留为 ${r.keptAs}\n`);
  io.stdout('启动时将自动执行本版本的后续迁移。\n');
  return 0;
};
