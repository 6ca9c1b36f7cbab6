import { loadConfig } from '../platform/config.js';
import { backupDatabase } from '../platform/backup/backup.service.js';
import { parseOptions, UsageError, type Command } from './io.js';

/**
 * `gongkai backup FILE`: a consistent copy of the database, taken while the server runs. SQLite
 * uses the online backup API; PostgreSQL runs pg_dump (custom format) when it is installed.
 */
export const run: Command = async (args, io) => {
  const { positional } = parseOptions(args, {});
  const [file] = positional;
  if (!file || positional.length !== 1) throw new UsageError('用法: gongkai backup FILE');
  const config = loadConfig(io.env);
  const r = await backupDatabase(config, file, io.env);
  io.stdout(
    `已备份到 ${file}（${r.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL pg_dump'}，${r.bytes} 字节）\n`,
  );
  return 0;
};
