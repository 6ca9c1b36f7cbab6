import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { CliIO } from '../cli/io.js';
import { applicationRecord, itemRecord, orgRecord } from './report.test-support.js';
import { annualReportSchema } from './reports.schema.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-report-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = {
    out: '',
    err: '',
    env: {
      DATABASE_URL: `sqlite:${path.join(dir, 'gk.sqlite')}`,
      LOG_LEVEL: 'silent',
      WORKER: 'off',
    },
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readStdin: async () => '',
  } satisfies CliIO & { out: string; err: string };
  const code = await main(args, io);
  return { code, stdout: io.out, stderr: io.err };
}

describe('gongkai report ORG YEAR', () => {
  beforeAll(async () => {
    const file = path.join(dir, 'records.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        format: 'gongkai-exchange',
        version: 1,
        orgs: [orgRecord('cli-dept', 'department', null, '示范局')],
        items: [itemRecord('cli-dept', 'I1', '2024-02-01', ['portal', 'platform'])],
        applications: [
          applicationRecord('cli-dept', 'A1', '2024-03-01', [
            { type: 'concluded', on: '2024-03-15', outcome: 'open', legal_basis: null },
          ]),
          applicationRecord('cli-dept', 'A2', '2024-12-30', []),
        ],
        annual_figures: [
          {
            org: 'cli-dept',
            year: 2024,
            source: 'manual',
            proactive: { licensing: 7, penalty: 1, enforcement: 0, fees_10k_yuan: 2.5 },
          },
        ],
      }),
    );
    const imported = await run(['import', file]);
    expect(imported.code, imported.stderr).toBe(0);
  });

  it('writes the gongkai-annual-report document generated from the records', async () => {
    const result = await run(['report', 'cli-dept', '2024', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const doc = annualReportSchema.parse(JSON.parse(result.stdout));
    expect(doc.org).toEqual({ code: 'cli-dept', name: '示范局', kind: 'department' });
    expect(doc.applications.rows.new[6]).toBe(2);
    expect(doc.applications.rows.open[6]).toBe(1);
    expect(doc.applications.rows.carried_out[6]).toBe(1);
    expect(doc.channels).toMatchObject({ portal: 1, platform: 1 });
    expect(doc.proactive).toMatchObject({ licensing: 7, penalty: 1, fees_10k_yuan: 2.5 });
    expect(doc.narrative.overview).toContain('共收到政府信息公开申请2件');
    const check = path.join(dir, 'check.json');
    fs.writeFileSync(check, result.stdout);
    expect((await run(['report', 'validate', check])).code).toBe(0);
  });

  it.each([
    ['docx', 'PK'],
    ['xlsx', 'PK'],
  ])('writes %s to --out', async (format, magic) => {
    const out = path.join(dir, `r.${format}`);
    const result = await run(['report', 'cli-dept', '2024', '--format', format, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe(magic);
  });

  it('writes HTML and CSV as text', async () => {
    const html = await run(['report', 'cli-dept', '2024', '--format', 'html']);
    expect(html.stdout).toMatch(/^<!DOCTYPE html><html lang="zh-CN">/);
    expect(html.stdout).toContain('示范局2024年政府信息公开工作年度报告');
    const csv = await run(['report', 'cli-dept', '2024', '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.length).toBeGreaterThan(100);
  });

  it('exits 1 with ERR_ORG_NOT_FOUND for an unknown org', async () => {
    const result = await run(['report', 'nowhere', '2024', '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ERR_ORG_NOT_FOUND');
  });

  it.each([
    [['report', 'cli-dept', '24', '--format', 'json']],
    [['report', 'cli-dept', '2199', '--format', 'json']],
    [['report', 'cli-dept', '2024', '--format', 'pdf']],
    [['report', 'cli-dept']],
  ])('exits 2 on a usage error: %j', async (args) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toBe('');
  });
});
