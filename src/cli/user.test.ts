import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import type { CliIO } from './io.js';

describe('gongkai user create', () => {
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-user-'));
    url = `sqlite:${path.join(dir, 'db.sqlite')}`;
    const database = openDatabase(url);
    await migrateToLatest(database.db);
    const now = new Date().toISOString();
    await database.db
      .insertInto('orgs')
      .values({
        code: 'edu',
        name: '教育局',
        parent_id: null,
        kind: 'department',
        index_template: '{}',
        created_at: now,
        updated_at: now,
        uscc: null,
        site_id_code: null,
        contact_office: null,
        contact_address: null,
        contact_hours: null,
        contact_phone: null,
        contact_fax: null,
        contact_email: null,
        contact_postcode: null,
        contact_confirmed_on: null,
      })
      .execute();
    await database.close();
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const io: CliIO = {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      env: { DATABASE_URL: url, LOG_LEVEL: 'silent', DATA_KEY: '00112233445566778899aabbccddeeff' },
      readStdin: async () => '',
    };
    const code = await main(['user', ...args], io);
    return { code, out, err };
  };

  it('creates a user with roles and prints a generated password once', async () => {
    const r = await run([
      'create',
      '--username',
      'lisi',
      '--name',
      '李四',
      '--role',
      'editor',
      '--org',
      'edu',
      '--role',
      'reviewer',
      '--org',
      'edu',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/初始密码（只显示这一次）：[A-Za-z0-9]{16}/);
    const database = openDatabase(url);
    const roles = await database.db
      .selectFrom('user_roles')
      .innerJoin('users', 'users.id', 'user_roles.user_id')
      .select('role')
      .where('username', '=', 'lisi')
      .orderBy('role')
      .execute();
    await database.close();
    expect(roles.map((x) => x.role)).toEqual(['editor', 'reviewer']);
  });

  it('does not print a password that was given', async () => {
    const r = await run([
      'create',
      '--username',
      'wang',
      '--name',
      '王五',
      '--platform-admin',
      '--password',
      'a-long-enough-password',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('初始密码');
  });

  it('reports an unknown org, a bad role and unpaired options', async () => {
    expect(
      (
        await run([
          'create',
          '--username',
          'xx1',
          '--name',
          'x',
          '--role',
          'editor',
          '--org',
          'nope',
        ])
      ).err,
    ).toContain('nope');
    expect(
      (await run(['create', '--username', 'xx2', '--name', 'x', '--role', 'boss', '--org', 'edu']))
        .code,
    ).toBe(1);
    expect(
      (await run(['create', '--username', 'xx3', '--name', 'x', '--role', 'editor'])).code,
    ).toBe(2);
    const dup = await run(['create', '--username', 'lisi', '--name', '李四']);
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('ERR_USERNAME_TAKEN');
  });
});
