import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../cli.js';
import type { CliIO } from '../../cli/io.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { pgDumpInvocation } from './postgres.js';

let dir: string;

function cli(dbFile: string): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    env: { DATABASE_URL: `sqlite:${dbFile}`, LOG_LEVEL: 'silent', WORKER: 'off' },
    readStdin: async () => '',
  };
  return io;
}

async function migrated(file: string): Promise<Database> {
  const database = openDatabase(`sqlite:${file}`);
  await migrateToLatest(database.db);
  return database;
}

const sha = (file: string) =>
  crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-backup-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('backup and restore (SQLite)', () => {
  it('takes a consistent backup while a writer keeps inserting, and restores it', async () => {
    const live = path.join(dir, 'live.sqlite');
    const database = await migrated(live);
    // Each write is a transaction of two rows; a consistent copy holds whole pairs 1..k.
    let written = 0;
    let stop = false;
    const writer = (async () => {
      while (!stop) {
        const n = written + 1;
        await database.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('settings')
            .values({ key: `w:${n}:a`, value: 'x'.repeat(200) })
            .execute();
          await trx
            .insertInto('settings')
            .values({ key: `w:${n}:b`, value: String(n) })
            .execute();
        });
        written = n;
        await new Promise((r) => setImmediate(r));
      }
    })();
    while (written < 50) await new Promise((r) => setImmediate(r));
    const backupFile = path.join(dir, 'backup.sqlite');
    const io = cli(live);
    const writtenBefore = written;
    expect(await main(['backup', backupFile], io)).toBe(0);
    const writtenAfter = written;
    stop = true;
    await writer;
    await database.close();
    expect(io.out).toContain('已备份到');
    expect(writtenAfter).toBeGreaterThan(writtenBefore);

    const target = path.join(dir, 'restored', 'gk.sqlite');
    const rio = cli(target);
    expect(await main(['restore', backupFile], rio)).toBe(0);
    expect(rio.out).toContain('已从');
    const restored = new SQLite(target, { readonly: true });
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
    const keys = (
      restored.prepare("select key from settings where key like 'w:%'").all() as Array<{
        key: string;
      }>
    ).map((r) => r.key);
    restored.close();
    const k = keys.length / 2;
    expect(Number.isInteger(k)).toBe(true);
    expect(k).toBeGreaterThanOrEqual(writtenBefore);
    expect(k).toBeLessThanOrEqual(writtenAfter);
    const expected = Array.from({ length: k }, (_, i) => [`w:${i + 1}:a`, `w:${i + 1}:b`])
      .flat()
      .sort();
    expect(keys.sort()).toEqual(expected);
  });

  it('keeps the previous database aside when restoring over it', async () => {
    const live = path.join(dir, 'live.sqlite');
    const database = await migrated(live);
    await database.db.insertInto('settings').values({ key: 'marker', value: 'old' }).execute();
    await database.close();
    const backupFile = path.join(dir, 'b.sqlite');
    expect(await main(['backup', backupFile], cli(live))).toBe(0);
    const again = openDatabase(`sqlite:${live}`);
    await again.db
      .updateTable('settings')
      .set({ value: 'newer' })
      .where('key', '=', 'marker')
      .execute();
    await again.close();
    const io = cli(live);
    expect(await main(['restore', backupFile], io)).toBe(0);
    const kept = /原数据库已保留为 (\S+)/.exec(io.out)?.[1] ?? '';
    const value = (f: string) => {
      const db = new SQLite(f, { readonly: true });
      const row = db.prepare("select value from settings where key = 'marker'").get() as {
        value: string;
      };
      db.close();
      return row.value;
    };
    expect(value(live)).toBe('old');
    expect(value(kept)).toBe('newer');
    expect(fs.existsSync(`${live}-wal`)).toBe(false);
  });

  it('refuses a file that is not a database and leaves the target unchanged', async () => {
    const live = path.join(dir, 'live.sqlite');
    await (await migrated(live)).close();
    const before = sha(live);
    const bogus = path.join(dir, 'notes.txt');
    fs.writeFileSync(bogus, '这不是数据库'.repeat(100));
    const io = cli(live);
    expect(await main(['restore', bogus], io)).toBe(1);
    expect(io.err).toContain('ERR_RESTORE_NOT_SQLITE');
    expect(sha(live)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['live.sqlite', 'notes.txt']);
  });

  it('refuses a SQLite database that is not a Gongkai database', async () => {
    const live = path.join(dir, 'live.sqlite');
    await (await migrated(live)).close();
    const before = sha(live);
    const other = path.join(dir, 'other.sqlite');
    const db = new SQLite(other);
    db.exec('create table t (x)');
    db.close();
    const io = cli(live);
    expect(await main(['restore', other], io)).toBe(1);
    expect(io.err).toContain('ERR_RESTORE_NOT_GONGKAI');
    expect(sha(live)).toBe(before);
  });

  it('refuses to restore while the database is open elsewhere', async () => {
    const live = path.join(dir, 'live.sqlite');
    const database = await migrated(live);
    const backupFile = path.join(dir, 'b.sqlite');
    expect(await main(['backup', backupFile], cli(live))).toBe(0);
    const io = cli(live);
    expect(await main(['restore', backupFile], io)).toBe(1);
    expect(io.err).toContain('ERR_RESTORE_IN_USE');
    await database.close();
  });

  it('never overwrites an existing backup', async () => {
    const live = path.join(dir, 'live.sqlite');
    await (await migrated(live)).close();
    const backupFile = path.join(dir, 'b.sqlite');
    fs.writeFileSync(backupFile, 'keep me');
    const io = cli(live);
    expect(await main(['backup', backupFile], io)).toBe(1);
    expect(io.err).toContain('ERR_BACKUP_EXISTS');
    expect(fs.readFileSync(backupFile, 'utf8')).toBe('keep me');
  });

  it('explains that PostgreSQL is restored with pg_restore', async () => {
    const io = cli('unused');
    io.env = { ...io.env, DATABASE_URL: 'postgres://gk@db.example:5432/gongkai' };
    expect(await main(['restore', path.join(dir, 'x.dump')], io)).toBe(1);
    expect(io.err).toContain('ERR_RESTORE_POSTGRES');
    expect(io.err).toContain('pg_restore');
  });
});

describe('pg_dump invocation', () => {
  it('passes the password in the environment, not on the command line', () => {
    const inv = pgDumpInvocation(
      'postgres://gk:s%40cret@db.example:5432/gongkai',
      '/backups/gk.dump',
    );
    expect(inv.password).toBe('s@cret');
    expect(inv.args).toContain('--dbname=postgres://gk@db.example:5432/gongkai');
    expect(inv.args).toContain('--format=custom');
    expect(inv.args.join(' ')).not.toContain('cret');
  });
});
