import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';
import { fsyncPath, tempPathFor } from './sqlite-file.js';

/**
 * How to call pg_dump for a `postgres://` URL: custom format (compressed, restorable table by
 * table with pg_restore), without owners. The password goes in PGPASSWORD, never on the command
 * line where `ps` would show it.
 */
export function pgDumpInvocation(
  url: string,
  file: string,
): { args: string[]; password: string | null } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : null;
  u.password = '';
  return {
    args: [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--file=${file}`,
      `--dbname=${u.toString()}`,
    ],
    password,
  };
}

/** The commands an operator runs to restore a PostgreSQL dump (shown by `gongkai restore`). */
export const PG_RESTORE_HINT =
  'PostgreSQL 数据库请用 pg_restore 恢复，例如：\n' +
  '  pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" 备份文件.dump\n' +
  '恢复前请先停止所有网站和后台任务进程。详见 docs/operations.md。';

/**
 * Runs pg_dump into `target` (written under a temporary name, renamed when complete). Throws
 * ERR_BACKUP_PG_DUMP_MISSING with instructions when pg_dump is not installed.
 */
export async function backupPostgres(
  url: string,
  target: string,
  env: Record<string, string | undefined>,
): Promise<{ bytes: number }> {
  const out = path.resolve(target);
  if (fs.existsSync(out)) {
    throw new AppError(
      'ERR_BACKUP_EXISTS',
      409,
      `文件已存在，为免覆盖以前的备份，请换一个文件名：${out}`,
    );
  }
  const tmp = tempPathFor(out, 'backup');
  const { args, password } = pgDumpInvocation(url, tmp);
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        'pg_dump',
        args,
        { env: { ...env, ...(password ? { PGPASSWORD: password } : {}) } },
        (err, _stdout, stderr) => {
          if (!err) return resolve();
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
            return reject(
              new AppError(
                'ERR_BACKUP_PG_DUMP_MISSING',
                400,
                '未找到 pg_dump。PostgreSQL 数据库请用 pg_dump 备份（与服务器同一主版本），例如：\n' +
                  '  pg_dump --format=custom --no-owner --file 备份文件.dump "$DATABASE_URL"\n详见 docs/operations.md。',
              ),
            );
          }
          reject(
            new AppError(
              'ERR_BACKUP_PG_DUMP_FAILED',
              400,
              `pg_dump 失败：${String(stderr).trim() || err.message}`,
            ),
          );
        },
      );
    });
    fsyncPath(tmp);
    fs.renameSync(tmp, out);
    return { bytes: fs.statSync(out).size };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
