import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { AppError } from '../errors.js';
import { checkGongkaiDatabase, fsyncPath, looksLikeSqlite, tempPathFor } from './sqlite-file.js';

/**
 * Fails when another process has the database open (a running server or worker): an exclusive
 * lock cannot be taken while any other connection holds the file. Otherwise checkpoints the
 * write-ahead log into the file, so the copy kept aside is complete.
 */
function ensureNotInUse(target: string): void {
  const db = new SQLite(target, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new AppError(
        'ERR_RESTORE_IN_USE',
        409,
        '数据库正在被使用。请先停止网站和后台任务进程（gongkai serve / gongkai worker），再恢复。',
      );
    }
    throw err;
  } finally {
    db.close();
  }
}

/**
 * Replaces the database at `target` with the backup `file`. The backup is copied beside the
 * target and checked there (integrity, migrations); only then is the current database moved
 * aside to `<target>.pre-restore-<time>` and the copy renamed into place, after removing the
 * old `-wal`/`-shm` files, which would otherwise be replayed into the restored database. On any
 * error the target is left as it was.
 */
export function restoreSqlite(
  file: string,
  target: string,
  stamp: string,
): { keptAs: string | null; migrations: number } {
  const src = path.resolve(file);
  const dest = path.resolve(target);
  if (!fs.existsSync(src) || !fs.statSync(src).isFile()) {
    throw new AppError('ERR_RESTORE_NO_FILE', 400, `备份文件不存在：${src}`);
  }
  if (src === dest)
    throw new AppError('ERR_RESTORE_SAME_FILE', 400, '备份文件就是当前数据库文件。');
  if (!looksLikeSqlite(src)) {
    throw new AppError(
      'ERR_RESTORE_NOT_SQLITE',
      400,
      '该文件不是 SQLite 数据库文件，无法用于恢复。',
    );
  }
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = tempPathFor(dest, 'restore');
  try {
    fs.copyFileSync(src, tmp);
    const { migrations } = checkGongkaiDatabase(tmp);
    fsyncPath(tmp);
    let keptAs: string | null = null;
    if (fs.existsSync(dest)) {
      ensureNotInUse(dest);
      keptAs = `${dest}.pre-restore-${stamp}`;
      fs.renameSync(dest, keptAs);
    }
    fs.rmSync(`${dest}-wal`, { force: true });
    fs.rmSync(`${dest}-shm`, { force: true });
    fs.rmSync(`${dest}-journal`, { force: true });
    fs.renameSync(tmp, dest);
    fsyncPath(path.dirname(dest));
    return { keptAs, migrations };
  } finally {
    fs.rmSync(tmp, { force: true });
    fs.rmSync(`${tmp}-journal`, { force: true });
  }
}
