import path from 'node:path';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { backupPostgres, PG_RESTORE_HINT } from './postgres.js';
import { backupSqlite } from './sqlite-backup.js';
import { restoreSqlite } from './sqlite-restore.js';

/** The database file of a `sqlite:PATH` URL (resolved as openDatabase does), or null. */
export function sqliteFileOf(databaseUrl: string): string | null {
  if (!databaseUrl.startsWith('sqlite:')) return null;
  const target = databaseUrl.slice('sqlite:'.length);
  if (target === ':memory:') {
    throw new AppError('ERR_BACKUP_MEMORY', 400, '内存数据库（sqlite::memory:）无法备份或恢复。');
  }
  return path.resolve(target);
}

/**
 * Backs up the configured database to `file`: SQLite with the online backup API (safe while the
 * server runs), PostgreSQL with pg_dump when it is installed.
 */
export async function backupDatabase(
  config: Config,
  file: string,
  env: Record<string, string | undefined>,
): Promise<{ engine: 'sqlite' | 'postgres'; bytes: number }> {
  const source = sqliteFileOf(config.databaseUrl);
  if (source) return { engine: 'sqlite', bytes: (await backupSqlite(source, file)).bytes };
  return { engine: 'postgres', bytes: (await backupPostgres(config.databaseUrl, file, env)).bytes };
}

/**
 * Restores the configured SQLite database from `file` (the server must be stopped). PostgreSQL
 * is restored with pg_restore by the operator; this explains how.
 */
export function restoreDatabase(
  config: Config,
  file: string,
  now: Date,
): { keptAs: string | null; migrations: number } {
  const target = sqliteFileOf(config.databaseUrl);
  if (!target) throw new AppError('ERR_RESTORE_POSTGRES', 400, PG_RESTORE_HINT);
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  return restoreSqlite(file, target, stamp);
}
