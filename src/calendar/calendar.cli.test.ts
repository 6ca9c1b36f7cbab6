import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { withContext, type CliIO } from '../cli/io.js';
import { systemActor } from '../platform/authz.js';
import { setYear } from './calendar.service.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-cal-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let dbCount = 0;
async function run(
  args: string[],
  dbFile?: string,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    // A fresh database per call: the command must migrate it itself.
    env: {
      DATABASE_URL: `sqlite:${dbFile ?? path.join(dir, `db${++dbCount}.sqlite`)}`,
      LOG_LEVEL: 'silent',
      WORKER: 'off',
    },
    readStdin: async () => '',
  };
  const code = await main(['calendar', ...args], io);
  return { code, out, err };
}

describe('gongkai calendar (REGULATIONS §4.3 counting, §6 calendar)', () => {
  it('prints the 20th working day after 2025-09-26 on a fresh database: 2025-10-30', async () => {
    expect(await run(['add', '2025-09-26', '20'])).toMatchObject({
      code: 0,
      out: '2025-10-30\n',
      err: '',
    });
  });

  it('marks a date in a year without data as provisional (§6.1), in text and JSON', async () => {
    const text = await run(['add', '2027-02-01', '20']);
    expect(text).toMatchObject({ code: 0, out: '2027-03-01 (provisional)\n' });
    expect(text.err).toContain('2027');
    const json = await run(['add', '2027-02-01', '20', '--format', 'json']);
    expect(JSON.parse(json.out)).toEqual({
      from: '2027-02-01',
      working_days: 20,
      date: '2027-03-01',
      provisional: true,
    });
  });

  it('uses an administrator’s override from the database (2027 no longer provisional)', async () => {
    const file = path.join(dir, 'override.sqlite');
    const env = { DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent', WORKER: 'off' };
    const io: CliIO = { stdout: () => {}, stderr: () => {}, env, readStdin: async () => '' };
    await withContext(io, (ctx) =>
      setYear(ctx, systemActor('test'), {
        year: 2027,
        source: '2027年节假日安排通知',
        days: [{ date: '2027-02-08', isOffDay: true, name: '春节' }],
      }),
    );
    expect(await run(['add', '2027-02-05', '1'], file)).toMatchObject({
      code: 0,
      out: '2027-02-09\n',
      err: '',
    });
  });

  it('answers JSON for a shipped year', async () => {
    const json = await run(['add', '2025-09-30', '20', '--format=json']);
    expect(JSON.parse(json.out)).toEqual({
      from: '2025-09-30',
      working_days: 20,
      date: '2025-11-04',
      provisional: false,
    });
  });

  it.each([
    [['add', '2025-02-30', '20'], '起算日期'],
    [['add', '2025/09/26', '20'], '起算日期'],
    [['add', '2025-09-26', 'abc'], '工作日数'],
    [['add', '2025-09-26', '-3'], '工作日数'],
    [['add', '2025-09-26'], '两个参数'],
    [['add', '2025-09-26', '5', '--format', 'xml'], '--format'],
    [['show', '1999'], '年份'],
    [['frobnicate'], '未知子命令'],
  ])('refuses %j with a Chinese usage error and exit code 2', async (args, words) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(words);
  });

  it('shows a year’s 放假日 and 调休上班日 with weekday and kind', async () => {
    const r = await run(['show', '2025']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2025 年工作日历：内置数据');
    expect(r.out).toContain('2025-10-11 周六 班 国庆节、中秋节');
    expect(r.out).toContain('2025-01-01 周三 休 元旦');
    const none = await run(['show', '2027', '--format', 'json']);
    expect(JSON.parse(none.out)).toMatchObject({ year: 2027, origin: 'provisional', days: [] });
  });
});
