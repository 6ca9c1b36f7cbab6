import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { main } from '../../cli.js';
import { createTestOrg } from '../../../test/factories.js';
import { systemActor } from '../../platform/authz.js';
import { describeEachDb } from '../../platform/db/test-helper.js';
import { seedDemoApplications } from '../../requests/applications.demo.js';
import { exportExchange } from '../exchange.export.js';
import { importExchange } from '../exchange.import.js';

const cli = systemActor('cli');
const record = (ref: string, events: unknown[] = []) => ({
  org: 'ex-org',
  ref,
  applicant: {
    type: 'natural_person',
    name: '王五',
    id_type: 'resident_id',
    id_number: '11010519491231002X',
    phone: '13900000000',
    email: null,
    address: null,
  },
  channel: 'mail',
  submitted_on: '2025-09-26',
  received_on: '2025-09-30',
  description: '某文件',
  delivery: 'paper',
  events,
});
const doc = (applications: unknown[], appeals: unknown[] = []) => ({
  format: 'gongkai-exchange' as const,
  version: 1 as const,
  applications,
  appeals,
});

describeEachDb('exchange applications and appeals', (get) => {
  it('imports, re-imports unchanged, and exports losslessly (round trip)', async () => {
    const ctx = get();
    await createTestOrg(ctx, { code: 'ex-org' });
    const apps = [
      record('EX-1', [
        { type: 'correction_requested', on: '2025-10-09', due_on: '2025-10-20' },
        { type: 'correction_received', on: '2025-10-15' },
        { type: 'concluded', on: '2025-11-05', outcome: 'open', legal_basis: null },
      ]),
      record('EX-2', [
        {
          type: 'fee_notice',
          on: '2025-10-10',
          amount_yuan: 100,
          basis: 'per_application',
          count_in_month: 11,
        },
      ]),
    ];
    const appeals = [
      {
        org: 'ex-org',
        ref: '复-1',
        application: 'EX-1',
        kind: 'review',
        filed_on: '2025-12-01',
        decided_on: null,
        result: null,
      },
    ];
    ctx.now = () => new Date('2026-01-10T02:00:00Z');
    expect(await importExchange(ctx, cli, doc(apps, appeals))).toMatchObject({
      applications: { created: 2 },
      appeals: { created: 1 },
    });
    expect(await importExchange(ctx, cli, doc(apps, appeals))).toMatchObject({
      applications: { unchanged: 2 },
      appeals: { unchanged: 1 },
    });
    const out = await exportExchange(ctx, cli, { orgCode: 'ex-org' });
    expect(out.applications).toEqual(apps);
    expect(out.appeals).toEqual(appeals);
    const row = await ctx.db
      .selectFrom('applications')
      .selectAll()
      .where('ref', '=', 'EX-1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'concluded', outcome: 'open', concluded_on: '2025-11-05' });
  });

  it('refuses an impossible history with its JSON path and code, importing nothing', async () => {
    const ctx = get();
    const bad = record('EX-BAD', [
      { type: 'correction_requested', on: '2025-10-09', due_on: '2025-10-20' },
      { type: 'correction_requested', on: '2025-10-10', due_on: '2025-10-21' },
    ]);
    const err = (await importExchange(ctx, cli, doc([record('EX-OK'), bad])).catch(
      (e: unknown) => e,
    )) as { code: string; fields: Record<string, string> };
    expect(err.code).toBe('ERR_IMPORT_REFERENCE');
    expect(err.fields['applications[1].events[1]']).toContain('ERR_CORRECTION_TWICE');
    expect(
      await ctx.db
        .selectFrom('applications')
        .select('id')
        .where('ref', '=', 'EX-OK')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('seeds the demo applications of wzgxq for 2023–2026 idempotently, none in 2022', async () => {
    const ctx = get();
    await createTestOrg(ctx, { code: 'wzgxq' });
    ctx.now = () => new Date('2026-11-28T02:00:00Z');
    const first = await seedDemoApplications(ctx);
    expect(first.applications).toBeGreaterThan(30);
    expect(await seedDemoApplications(ctx)).toEqual({ applications: 0, appeals: 0 });
    const years = await ctx.db
      .selectFrom('applications')
      .innerJoin('orgs', 'orgs.id', 'applications.org_id')
      .select('applications.received_on')
      .where('orgs.code', '=', 'wzgxq')
      .execute();
    expect(new Set(years.map((y) => y.received_on?.slice(0, 4)))).toEqual(
      new Set(['2023', '2024', '2025', '2026']),
    );
  });
});

it('gongkai applications list prints the cached clock as JSON, and refuses an unknown org', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-apps-'));
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    env: {
      DATABASE_URL: `sqlite:${path.join(dir, 'gk.sqlite')}`,
      LOG_LEVEL: 'silent',
      WORKER: 'off',
    },
    stdout: (t: string) => void out.push(t),
    stderr: (t: string) => void err.push(t),
    readStdin: async () => '',
  };
  const file = path.join(dir, 'doc.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      format: 'gongkai-exchange',
      version: 1,
      orgs: [{ code: 'ex-org', name: '某局', parent: null, kind: 'department' }],
      applications: [record('CLI-1')],
    }),
  );
  expect(await main(['import', file], io)).toBe(0);
  out.length = 0;
  expect(await main(['applications', 'list', 'ex-org', '--format', 'json'], io)).toBe(0);
  const rows = JSON.parse(out.join('')) as Array<Record<string, unknown>>;
  expect(rows).toEqual([
    {
      ref: 'CLI-1',
      status: 'registered',
      received_on: '2025-09-30',
      reply_due_on: '2025-11-04',
      correction_notice_due_on: '2025-10-16',
      paused_working_days: 0,
      outcome: null,
      concluded_on: null,
    },
  ]);
  expect(await main(['applications', 'list', 'ex-org'], io)).toBe(0);
  expect(out.join('')).toContain('共 1 件');
  expect(await main(['applications', 'list', 'nope', '--format', 'json'], io)).toBe(1);
  expect(err.join('')).toContain('ERR_ORG_NOT_FOUND');
  fs.rmSync(dir, { recursive: true, force: true });
});
