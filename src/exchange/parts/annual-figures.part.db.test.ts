import { expect, it } from 'vitest';
import { systemActor } from '../../platform/authz.js';
import { describeEachDb } from '../../platform/db/test-helper.js';
import { exportExchange } from '../exchange.export.js';
import { importExchange } from '../exchange.import.js';

const cli = systemActor('cli');
const org = {
  code: 'af-dept',
  name: '示范局',
  parent: null,
  kind: 'department',
  uscc: null,
  site_id_code: null,
  contact: {
    office: null,
    address: null,
    hours: null,
    phone: null,
    fax: null,
    email: null,
    postcode: null,
  },
};
const rows = (n: number) =>
  Object.fromEntries(
    [
      'new',
      'carried_in',
      'open',
      'partial',
      'withheld_state_secret',
      'withheld_prohibited_by_law',
      'withheld_security_stability',
      'withheld_third_party',
      'withheld_internal_affairs',
      'withheld_process_info',
      'withheld_enforcement_file',
      'withheld_query_matter',
      'unable_not_held',
      'unable_needs_creation',
      'unable_unclear_after_correction',
      'rejected_complaint',
      'rejected_duplicate',
      'rejected_publication',
      'rejected_excessive',
      'rejected_confirmation',
      'other_correction_overdue',
      'other_fee_unpaid',
      'other',
      'total',
      'carried_out',
    ].map((k) => [
      k,
      k === 'new' || k === 'carried_out' ? [n, 0, 0, 0, 0, 0, n] : [0, 0, 0, 0, 0, 0, 0],
    ]),
  );
const columns = [
  'natural_person',
  'commercial',
  'research',
  'public_interest',
  'legal_services',
  'other',
  'total',
];
const doc = (extra: object[] = []) => ({
  format: 'gongkai-exchange',
  version: 1,
  orgs: [org],
  annual_figures: [
    {
      org: 'af-dept',
      year: 2024,
      source: 'manual',
      proactive: { licensing: 3, penalty: 0, enforcement: 0, fees_10k_yuan: 1.2 },
    },
    { org: 'af-dept', year: 2022, source: 'published', applications: { columns, rows: rows(2) } },
    ...extra,
  ],
});

describeEachDb('exchange import of annual_figures', (get) => {
  it('refuses invalid entries with their JSON paths, importing nothing', async () => {
    const ctx = get();
    const broken = doc([
      { org: 'nowhere', year: 2023, source: 'manual', proactive: { licensing: 1 } },
      { org: 'af-dept', year: 2024, source: 'manual', proactive: { licensing: 4 } },
      {
        org: 'af-dept',
        year: 2021,
        source: 'published',
        applications: { columns, rows: { ...rows(0), bogus: [0, 0, 0, 0, 0, 0, 0] } },
      },
    ]);
    const err = await importExchange(ctx, cli, broken).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_IMPORT_REFERENCE' });
    expect(Object.keys((err as { fields: object }).fields).sort()).toEqual([
      'annual_figures[2].org',
      'annual_figures[3].year',
      'annual_figures[4].applications.rows',
    ]);
    const n = await ctx.db
      .selectFrom('annual_figures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('imports once, changes nothing the second time, and exports what it imported', async () => {
    const ctx = get();
    expect((await importExchange(ctx, cli, doc())).annual_figures).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect((await importExchange(ctx, cli, doc())).annual_figures).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    const changed = doc();
    changed.annual_figures[0] = {
      ...changed.annual_figures[0],
      proactive: { licensing: 4, penalty: 0, enforcement: 0, fees_10k_yuan: 1.2 },
    } as (typeof changed.annual_figures)[0];
    expect((await importExchange(ctx, cli, changed)).annual_figures).toEqual({
      created: 0,
      updated: 1,
      unchanged: 1,
    });
    const out = await exportExchange(ctx, cli, { orgCode: 'af-dept' });
    expect(out.annual_figures).toEqual([
      { org: 'af-dept', year: 2022, source: 'published', applications: { columns, rows: rows(2) } },
      {
        org: 'af-dept',
        year: 2024,
        source: 'manual',
        proactive: { licensing: 4, penalty: 0, enforcement: 0, fees_10k_yuan: 1.2 },
      },
    ]);
  });
});
