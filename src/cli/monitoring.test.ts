import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import type { CliIO } from './io.js';

describe('gongkai monitoring score', () => {
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-mon-'));
    url = `sqlite:${path.join(dir, 'db.sqlite')}`;
    const database = openDatabase(url);
    await migrateToLatest(database.db);
    const now = new Date().toISOString();
    const org = await database.db
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
      .returning('id')
      .executeTakeFirstOrThrow();
    const at = '2026-03-01T02:00:00.000Z';
    await database.db
      .insertInto('monitor_findings')
      .values({
        org_id: org.id,
        column_id: null,
        kind: 'broken_link',
        subject_type: 'link',
        subject_id: 'a',
        key: `${org.id}:broken_link:link:a`,
        severity: 'major',
        title: '链接失效',
        detail: '{}',
        status: 'open',
        assignee_id: null,
        due_on: null,
        first_seen_at: at,
        last_seen_at: at,
        closed_at: null,
        created_at: at,
        updated_at: at,
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
    const code = await main(['monitoring', ...args], io);
    return { code, out, err };
  };

  it('prints the score as JSON with each indicator and the formula', async () => {
    const r = await run([
      'score',
      'edu',
      '--from',
      '2026-01-01',
      '--to',
      '2026-06-30',
      '--format',
      'json',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as {
      result: string;
      total: number;
      indicators: Array<{ indicator: string; deduction: number }>;
    };
    expect(json.result).toBe('合格');
    expect(json.total).toBe(98);
    expect(json.indicators.find((i) => i.indicator === 'links')?.deduction).toBe(2);
  });

  it('prints text by default', async () => {
    const r = await run(['score', 'edu', '--from', '2026-01-01', '--to', '2026-06-30']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('考核结果：合格，得分 98');
  });

  it.each([
    [['score', 'nope'], 1, 'ERR_ORG_NOT_FOUND'],
    [['score', 'edu', '--from', '2026-02-30'], 1, 'ERR_VALIDATION'],
    [['score'], 2, '用法'],
    [['score', 'edu', '--format', 'xml'], 2, '--format'],
    [['frobnicate'], 2, '未知子命令'],
  ])('%j exits %i', async (args, code, text) => {
    const r = await run(args);
    expect(r.code).toBe(code);
    expect(r.err).toContain(text);
  });
});
