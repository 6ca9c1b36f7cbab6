import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { CliIO } from './io.js';

function collectingIO(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: {},
    readStdin: async () => '',
  };
}

async function run(args: string[]) {
  const io = collectingIO();
  const code = await main(['fee', ...args], io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

describe('gongkai fee (国办函〔2020〕109号 第三条至第五条)', () => {
  it.each([
    [['per-application', '31'], '200\n'],
    [['per-application', '10'], '0\n'],
    [['per-application', '41'], '300\n'],
    [['per-page', '150'], '1700\n'],
    [['per-page', '250'], '4700\n'],
  ])('prints the fee in yuan for %j', async (args, expected) => {
    expect(await run(args)).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  it('prints JSON with --format json', async () => {
    const a = await run(['per-application', '31', '--format', 'json']);
    expect(JSON.parse(a.stdout)).toEqual({ basis: 'per_application', n: 31, fee_yuan: 200 });
    const p = await run(['per-page', '--format=json', '31']);
    expect(JSON.parse(p.stdout)).toEqual({ basis: 'per_page', pages: 31, fee_yuan: 10 });
  });

  it.each([
    [['per-application', '0']],
    [['per-application', '-3']],
    [['per-application', '2.5']],
    [['per-application', 'abc']],
    [['per-application', '99999999999999999999']],
    [['per-page', '0']],
    [['per-page']],
    [['per-day', '3']],
    [[]],
    [['per-page', '3', '--format', 'xml']],
    [['per-page', '3', '4']],
  ])('refuses %j with a Chinese message and exit code 2', async (args) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/[\u4e00-\u9fff]/);
  });
});
