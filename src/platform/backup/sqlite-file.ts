import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { AppError } from '../errors.js';
import { migrations } from '../db/migrations/index.js';

/** The first 16 bytes of every SQLite database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** Kysely's bookkeeping table: a Gongkai database always has it. */
const MIGRATION_TABLE = 'kysely_migration';

/** A sibling path for writing a file before renaming it into place (same file system). */
export function tempPathFor(target: string, purpose: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${purpose}-${crypto.randomBytes(4).toString('hex')}`,
  );
}

/** Flushes a file (or directory) to disk, so a rename after it is durable. */
export function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** True when the file starts with the SQLite header. */
export function looksLikeSqlite(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Checks that `file` (a private copy, which this may modify) is a sound Gongkai database this
 * version can run: SQLite header, `integrity_check` ok, our migrations table, and no migration
 * unknown to this version. Leaves it in rollback-journal mode, a single self-contained file.
 * Returns the number of applied migrations; throws AppError otherwise.
 */
export function checkGongkaiDatabase(file: string): { migrations: number } {
  if (!looksLikeSqlite(file)) {
    throw new AppError(
      'ERR_RESTORE_NOT_SQLITE',
      400,
      '该文件不是 SQLite 数据库文件，无法用于恢复。',
    );
  }
  let db: SQLite.Database | null = null;
  try {
    db = new SQLite(file, { fileMustExist: true });
    db.pragma('journal_mode = DELETE');
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') {
      throw new AppError(
        'ERR_RESTORE_CORRUPT',
        400,
        `数据库文件已损坏（integrity_check: ${String(check)}）。`,
      );
    }
    const table = db
      .prepare("select name from sqlite_master where type = 'table' and name = ?")
      .get(MIGRATION_TABLE);
    if (!table) {
      throw new AppError(
        'ERR_RESTORE_NOT_GONGKAI',
        400,
        '该数据库不是 Gongkai 的数据库（缺少迁移记录表）。',
      );
    }
    const names = (
      db.prepare(`select name from ${MIGRATION_TABLE}`).all() as Array<{ name: string }>
    ).map((r) => r.name);
    const unknown = names.filter((n) => !(n in migrations));
    if (unknown.length) {
      throw new AppError(
        'ERR_RESTORE_NEWER_VERSION',
        400,
        `备份来自更新的版本（未知迁移：${unknown.join('，')}），请先升级 Gongkai。`,
      );
    }
    return { migrations: names.length };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      'ERR_RESTORE_CORRUPT',
      400,
      `无法读取该数据库文件：${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    db?.close();
  }
}
