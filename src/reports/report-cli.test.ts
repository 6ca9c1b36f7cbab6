import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { CliIO } from '../cli/io.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function run(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: {},
    readStdin: async () => stdin,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('gongkai report validate', () => {
  it('says 未发现问题 and exits 0 for the seed report', async () => {
    expect(await run(['report', 'validate', fixture('wzgxq-2022.json')])).toEqual({
      code: 0,
      stdout: '未发现问题\n',
      stderr: '',
    });
  });

  it('runs the cross-year checks over several files and prints one finding per line', async () => {
    const result = await run([
      'report',
      'validate',
      fixture('series/demo-dept-2021.json'),
      fixture('errors/carry-over-2022.json'),
    ]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(
      'carry-over-2022.json: 错误 CARRY_OVER demo-dept 2022 applications.rows.carried_in[0]：',
    );
  });

  it('prints a JSON array of findings with --format json', async () => {
    const result = await run([
      'report',
      'validate',
      '--format',
      'json',
      fixture('errors/appeal-total-wrong.json'),
    ]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        code: 'S4_TOTAL',
        severity: 'error',
        org: 'demo-dept',
        year: 2022,
        path: 'appeals.review[4]',
        message: '四、行政复议 的 总计 为 3，但 结果维持、结果纠正、其他结果、尚未审结 之和为 2',
      },
    ]);
  });

  it('prints an empty JSON array for clean files', async () => {
    const result = await run(['report', 'validate', '--format=json', fixture('wzgxq-2022.json')]);
    expect([result.code, JSON.parse(result.stdout)]).toEqual([0, []]);
  });

  it('exits 0 when there are only warnings', async () => {
    const result = await run([
      'report',
      'validate',
      '--published-on',
      '2023-02-10',
      fixture('wzgxq-2022.json'),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('警告 LATE wzgxq 2022');
  });

  it('turns a missing file or invalid JSON into a SHAPE finding, never a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-report-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "format": ');
    const result = await run([
      'report',
      'validate',
      '--format',
      'json',
      join(dir, 'missing.json'),
      broken,
    ]);
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout) as { code: string; message: string }[];
    expect(findings.map((f) => f.code)).toEqual(['SHAPE', 'SHAPE']);
    expect(findings[0]?.message).toContain('文件不存在');
    expect(findings[1]?.message).toContain('不是有效的 JSON');
    expect(result.stderr).toBe('');
  });

  it('reads standard input for -', async () => {
    const result = await run(
      ['report', 'validate', '-'],
      JSON.stringify({ format: 'gongkai-annual-report' }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('-: 错误 SHAPE - - version：缺少 版本 version');
  });

  it.each([
    [['report', 'validate']],
    [['report', 'validate', '--format', 'xml', 'a.json']],
    [['report', 'validate', '--published-on', '2023-02-30', 'a.json']],
    [['report', 'validate', '--bogus', 'a.json']],
  ])('exits 2 on a usage error: %j', async (args) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toBe('');
  });
});
