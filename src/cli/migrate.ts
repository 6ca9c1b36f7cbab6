import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import type { Command } from './io.js';

/** `gongkai migrate`: applies pending migrations and lists them. */
export const run: Command = async (_args, io) => {
  const config = loadConfig(io.env);
  const database = openDatabase(config.databaseUrl);
  try {
    const applied = await migrateToLatest(database.db);
    io.stdout(
      applied.length
        ? `已执行迁移:\n${applied.map((m) => `  ${m}`).join('\n')}\n`
        : '数据库已是最新。\n',
    );
    return 0;
  } finally {
    await database.close();
  }
};
