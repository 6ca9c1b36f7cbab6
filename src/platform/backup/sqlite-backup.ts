import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { AppError } from '../errors.js';
import { checkGongkaiDatabase, fsyncPath, tempPathFor } from './sqlite-file.js';

/** Most pages one backup step may copy: all of them, so the copy is one read snapshot. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a live SQLite database to `target` with SQLite's online backup API, through a second
 * connection on the file. All pages are copied in one step inside one read transaction, so the
 * copy is a consistent snapshot even while the server writes (WAL lets it keep writing), and
 * the backup never restarts. The copy is checked, switched to a single self-contained file, and
 * renamed into place only when complete.
 */
export async function backupSqlite(
  sourceFile: string,
  target: string,
): Promise<{ bytes: number; migrations: number }> {
  const out = path.resolve(target);
  if (out === path.resolve(sourceFile)) {
    throw new AppError('ERR_BACKUP_SAME_FILE', 400, '备份文件不能是数据库文件本身。');
  }
  if (!fs.existsSync(path.dirname(out))) {
    throw new AppError('ERR_BACKUP_NO_DIR', 400, `目录不存在：${path.dirname(out)}`);
  }
  if (fs.existsSync(out)) {
    throw new AppError(
      'ERR_BACKUP_EXISTS',
      409,
      `文件已存在，为免覆盖以前的备份，请换一个文件名：${out}`,
    );
  }
  if (!fs.existsSync(sourceFile)) {
    throw new AppError('ERR_BACKUP_NO_DATABASE', 400, `数据库文件不存在：${sourceFile}`);
  }
  const tmp = tempPathFor(out, 'backup');
  const source = new SQLite(sourceFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(tmp, { progress: () => ALL_PAGES });
    const { migrations } = checkGongkaiDatabase(tmp);
    fsyncPath(tmp);
    fs.renameSync(tmp, out);
    fsyncPath(path.dirname(out));
    return { bytes: fs.statSync(out).size, migrations };
  } finally {
    source.close();
    fs.rmSync(tmp, { force: true });
    fs.rmSync(`${tmp}-journal`, { force: true });
  }
}
