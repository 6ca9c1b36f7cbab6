import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { createTestOrg, createTestUser } from '../../test/factories.js';
import { dialectOf } from '../platform/db/database.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { OPEN_STATUSES } from './applications.model.js';
import { seal } from './applications.privacy.js';
import { listCases } from './applications.query.js';
import { dashboard, REMINDER_WORKING_DAYS } from './dashboard.service.js';
import { addWorkingDays } from '../calendar/calendar.model.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import {
  caseListQuery,
  listApplicationRows,
  listApplicationRowsMany,
  type ApplicationRow,
  type ListFilter,
} from './requests.repository.js';

/**
 * The case list's order (reply due date ascending, cases without one last, then newest
 * submission, then newest id) under every filter, against the same order computed here; and the
 * plans: each filter is read in index order, not sorted (migration 20261128_0900).
 */

const STATUSES = [
  'registered',
  'in_progress',
  'paused_consultation',
  'awaiting_fee',
  'concluded',
  'withdrawn',
  'correction_pending',
] as const;
const DUES = [null, '2025-11-20', '2025-11-28', '2025-12-03', '2025-12-10', null, '2025-11-28'];
const SUBMITTED = ['2025-10-01', '2025-10-20', '2025-10-20', '2025-11-03'];

/** The visible order, computed independently of SQL. */
function expectedOrder(rows: ApplicationRow[]): string[] {
  return [...rows]
    .sort((a, b) => {
      if ((a.reply_due_on === null) !== (b.reply_due_on === null))
        return a.reply_due_on === null ? 1 : -1;
      if (a.reply_due_on !== b.reply_due_on)
        return (a.reply_due_on ?? '') < (b.reply_due_on ?? '') ? -1 : 1;
      if (a.submitted_on !== b.submitted_on) return a.submitted_on > b.submitted_on ? -1 : 1;
      return b.id - a.id;
    })
    .map((r) => r.ref);
}

const FILTERS: Array<[string, ListFilter, (r: ApplicationRow) => boolean]> = [
  ['no filter', {}, () => true],
  ['open', { statuses: OPEN_STATUSES }, (r) => OPEN_STATUSES.includes(r.status as never)],
  [
    'overdue',
    { statuses: OPEN_STATUSES, dueBefore: '2025-11-28' },
    (r) => OPEN_STATUSES.includes(r.status as never) && (r.reply_due_on ?? '9') < '2025-11-28',
  ],
  [
    'due soon',
    { statuses: OPEN_STATUSES, dueOnOrAfter: '2025-11-28', dueOnOrBefore: '2025-12-03' },
    (r) =>
      OPEN_STATUSES.includes(r.status as never) &&
      r.reply_due_on !== null &&
      r.reply_due_on >= '2025-11-28' &&
      r.reply_due_on <= '2025-12-03',
  ],
  [
    'paused',
    { statuses: ['paused_consultation', 'awaiting_fee'] },
    (r) => r.status === 'paused_consultation' || r.status === 'awaiting_fee',
  ],
  ['one status', { statuses: ['concluded'] }, (r) => r.status === 'concluded'],
  [
    'two closed statuses',
    { statuses: ['concluded', 'withdrawn'] },
    (r) => r.status === 'concluded' || r.status === 'withdrawn',
  ],
  ['unassigned', { assignedTo: 'none' }, (r) => r.assigned_to === null],
  ['short ref prefix', { refPrefix: 'YSQ2025-A' }, (r) => r.ref.startsWith('YSQ2025-A')],
  ['long ref prefix', { refPrefix: 'YSQ2025-AB1' }, (r) => r.ref.startsWith('YSQ2025-AB1')],
];

describeEachDb('case list order and plans', (get) => {
  const org = { id: 0, code: 'list-org' };
  let worker = 0;
  let rows: ApplicationRow[] = [];

  beforeAll(async () => {
    const ctx = get();
    ctx.now = () => new Date('2025-11-28T02:00:00Z');
    org.id = (await createTestOrg(ctx, { code: org.code })).id;
    const other = await createTestOrg(ctx, { code: 'list-other' });
    worker = (await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'case_worker' }] })).id;
    const now = '2025-11-28T02:00:00.000Z';
    for (let i = 0; i < 70; i++) {
      const status = STATUSES[i % STATUSES.length] ?? 'registered';
      await ctx.db
        .insertInto('applications')
        .values({
          org_id: i % 10 === 9 ? other.id : org.id,
          // Both the short prefix (YSQ2025-A) and the long one (YSQ2025-AB1) match some.
          ref: `YSQ2025-${'AB'[i % 2]}${'B1'[i % 3 === 0 ? 1 : 0]}${String(i).padStart(6, '0')}`,
          applicant_type: 'natural_person',
          applicant_name: seal(ctx.fieldKeys, `申请人${i}`) ?? '',
          channel: 'online',
          submitted_on: SUBMITTED[i % SUBMITTED.length] ?? '2025-10-01',
          description: '某项目的环评批复',
          delivery: 'paper',
          status,
          assigned_to: i % 4 === 0 ? worker : null,
          reply_due_on: DUES[i % DUES.length] ?? null,
          paused_working_days: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    rows = await ctx.db
      .selectFrom('applications')
      .selectAll()
      .where('org_id', '=', org.id)
      .execute();
    // The plans below are those of a database with statistics (the bench datasets and a
    // production database analysed by the migration or by the server's maintenance).
    await sql`ANALYZE applications`.execute(ctx.db);
  });

  it('lists every filter in due-date order, without a due date last, ties newest first', async () => {
    for (const [name, f, keep] of [
      ...FILTERS,
      [
        'assigned',
        { assignedTo: worker },
        (r: ApplicationRow) => r.assigned_to === worker,
      ] as const,
    ]) {
      const got = (await listApplicationRows(get().db, org.id, f, 1000, 0)).map((r) => r.ref);
      expect({ name, refs: got }).toEqual({ name, refs: expectedOrder(rows.filter(keep)) });
    }
    // Ties exist, or the order of ties would not be tested.
    const dues = rows.filter((r) => r.reply_due_on === '2025-11-28');
    expect(new Set(dues.map((r) => r.submitted_on)).size).toBeLessThan(dues.length);
  });

  it('reads several lists in one statement, each the same as read alone', async () => {
    const filters = [...FILTERS.map(([, f]) => f), { assignedTo: worker }, { statuses: [] }];
    for (const limit of [3, 1000]) {
      const many = await listApplicationRowsMany(get().db, org.id, filters, limit);
      expect(many).toHaveLength(filters.length);
      for (const [i, f] of filters.entries()) {
        const alone = await listApplicationRows(get().db, org.id, f, limit, 0);
        expect({ i, refs: many[i]?.map((r) => r.ref) }).toEqual({
          i,
          refs: alone.map((r) => r.ref),
        });
      }
    }
    expect(await listApplicationRowsMany(get().db, org.id, [], 10)).toEqual([]);
  });

  it('pages through the same order without gaps or repeats', async () => {
    const all = expectedOrder(rows);
    const paged: string[] = [];
    for (let offset = 0; offset < all.length; offset += 7)
      paged.push(...(await listApplicationRows(get().db, org.id, {}, 7, offset)).map((r) => r.ref));
    expect(paged).toEqual(all);
  });

  it('shows 50 cases a page, masked, and tells whether more follow', async () => {
    const ctx = get();
    const actor = {
      userId: worker,
      username: 'w',
      isPlatformAdmin: false,
      grants: [{ orgId: org.id, role: 'case_worker' as const }],
    };
    const first = await listCases(ctx, actor, org.code);
    const second = await listCases(ctx, actor, org.code, { page: 2 });
    expect(first.items.map((i) => i.ref)).toEqual(expectedOrder(rows).slice(0, 50));
    expect(first.hasNext).toBe(true);
    expect(second.items.map((i) => i.ref)).toEqual(expectedOrder(rows).slice(50));
    expect(second.hasNext).toBe(false);
    expect(first.items[0]?.applicantName).toMatch(/^申\*+$/);
  });

  it('fills the dashboard from the same order: mine, due soon, overdue, paused and counts', async () => {
    const ctx = get();
    const actor = {
      userId: worker,
      username: 'w',
      isPlatformAdmin: false,
      grants: [{ orgId: org.id, role: 'case_worker' as const }],
    };
    const today = '2025-11-28';
    const limit = addWorkingDays(await loadCalendar(ctx), today, REMINDER_WORKING_DAYS).date;
    const open = (r: ApplicationRow) => OPEN_STATUSES.includes(r.status as never);
    const d = await dashboard(ctx, actor, org.code);
    const refs = (items: Array<{ ref: string }>) => items.map((i) => i.ref);
    expect(refs(d.mine)).toEqual(
      expectedOrder(rows.filter((r) => open(r) && r.assigned_to === worker)),
    );
    // Due soon: from today on (an overdue case is in 逾期 only).
    const soon = rows.filter(
      (r) =>
        open(r) && r.reply_due_on !== null && r.reply_due_on >= today && r.reply_due_on <= limit,
    );
    expect(soon.length).toBeGreaterThan(0);
    expect(refs(d.dueSoon)).toEqual(expectedOrder(soon));
    expect(refs(d.overdue)).toEqual(
      expectedOrder(rows.filter((r) => open(r) && (r.reply_due_on ?? '9') < today)),
    );
    expect(refs(d.paused)).toEqual(
      expectedOrder(rows.filter((r) => ['paused_consultation', 'awaiting_fee'].includes(r.status))),
    );
    const byStatus = new Map<string, number>();
    for (const r of rows) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    expect(Object.fromEntries(d.byStatus.map((c) => [c.key, c.n]))).toEqual(
      Object.fromEntries(byStatus),
    );
  });

  it('counts a case that concludes, and one imported concluded, on the next view', async () => {
    const ctx = get();
    const actor = {
      userId: worker,
      username: 'w',
      isPlatformAdmin: false,
      grants: [{ orgId: org.id, role: 'case_worker' as const }],
    };
    const n = (list: Array<{ key: string; n: number }>, key: string) =>
      list.find((c) => c.key === key)?.n ?? 0;
    const before = await dashboard(ctx, actor, org.code);
    const target = rows.find((r) => r.status === 'in_progress');
    if (!target) throw new Error('fixture has an in_progress case');
    await ctx.db
      .updateTable('applications')
      .set({ status: 'concluded', outcome: 'partial', concluded_on: '2025-11-28' })
      .where('id', '=', target.id)
      .execute();
    const after = await dashboard(ctx, actor, org.code);
    expect(n(after.byStatus, 'concluded')).toBe(n(before.byStatus, 'concluded') + 1);
    expect(n(after.byStatus, 'in_progress')).toBe(n(before.byStatus, 'in_progress') - 1);
    expect(n(after.byOutcome, 'partial')).toBe(n(before.byOutcome, 'partial') + 1);
    await ctx.db
      .insertInto('applications')
      .values({
        org_id: org.id,
        ref: 'YSQ2024-IMPORTED',
        applicant_type: 'legal_person',
        applicant_name: seal(ctx.fieldKeys, '某公司') ?? '',
        channel: 'letter',
        submitted_on: '2024-03-01',
        description: '导入的历史案件',
        delivery: 'paper',
        status: 'concluded',
        outcome: 'partial',
        paused_working_days: 0,
        created_at: '2025-11-28T02:00:00.000Z',
        updated_at: '2025-11-28T02:00:00.000Z',
      })
      .execute();
    const imported = await dashboard(ctx, actor, org.code);
    expect(n(imported.byStatus, 'concluded')).toBe(n(after.byStatus, 'concluded') + 1);
    expect(n(imported.byOutcome, 'partial')).toBe(n(after.byOutcome, 'partial') + 1);
    // Back as it was, for the plan tests below.
    await ctx.db.deleteFrom('applications').where('ref', '=', 'YSQ2024-IMPORTED').execute();
    await ctx.db
      .updateTable('applications')
      .set({ status: target.status, outcome: null, concluded_on: null })
      .where('id', '=', target.id)
      .execute();
  });

  it('reads each filter in index order instead of sorting the org’s cases', async () => {
    const ctx = get();
    for (const [name, f] of [
      ...FILTERS.filter(([n]) => n !== 'long ref prefix'),
      ['assigned', { assignedTo: worker }] as const,
      ['page 40', {}] as const,
    ]) {
      const q = caseListQuery(ctx.db, org.id, f, 51, name === 'page 40' ? 1950 : 0).compile();
      if (dialectOf(ctx.db) === 'sqlite') {
        const plan = await ctx.db.executeQuery<{ detail: string }>({
          ...q,
          sql: `EXPLAIN QUERY PLAN ${q.sql}`,
        });
        const text = plan.rows.map((r) => r.detail).join('\n');
        if (name === 'page 40') {
          // The skipped cases come from the index alone; only the page's rows are sorted.
          expect(text).toMatch(/COVERING INDEX \w+_order_idx/);
          continue;
        }
        if (name === 'due soon' && /reply_due_on>\? AND reply_due_on<\?/.test(text)) {
          // Or SQLite seeks the due-date range per status and sorts only the cases due in it.
          continue;
        }
        expect({ name, text }).toEqual({ name, text: expect.stringMatching(/_order_idx/) });
        expect({ name, text }).not.toEqual({ name, text: expect.stringContaining('TEMP B-TREE') });
      } else {
        // With sorting priced out, the planner still finds a plan without a Sort node only
        // when an index yields the list's order.
        const text = await ctx.db.transaction().execute(async (trx) => {
          await sql`SET LOCAL enable_sort = off`.execute(trx);
          await sql`SET LOCAL enable_seqscan = off`.execute(trx);
          const plan = await trx.executeQuery<{ 'QUERY PLAN': string }>({
            ...q,
            sql: `EXPLAIN ${q.sql}`,
          });
          return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
        });
        if (name === 'page 40') {
          // The skipped cases come from the index alone; only the page's rows are sorted.
          expect(text).toMatch(/Index Only Scan using \w+_order_idx/);
          expect(text.match(/\bSort\s+\(cost/g) ?? []).toHaveLength(1);
          continue;
        }
        expect({ name, text }).toEqual({ name, text: expect.stringMatching(/_order_idx/) });
        expect({ name, text }).not.toEqual({ name, text: expect.stringMatching(/\bSort\b/) });
      }
    }
  });

  it('finds a whole 受理编号 through the index on ref', async () => {
    const ctx = get();
    const q = caseListQuery(ctx.db, org.id, { refPrefix: 'YSQ2025-AB1000042' }, 51, 0).compile();
    if (dialectOf(ctx.db) === 'sqlite') {
      const plan = await ctx.db.executeQuery<{ detail: string }>({
        ...q,
        sql: `EXPLAIN QUERY PLAN ${q.sql}`,
      });
      expect(plan.rows.map((r) => r.detail).join('\n')).toMatch(
        /USING INDEX sqlite_autoindex_applications_\d \(ref>\? AND ref<\?\)/,
      );
    } else {
      const text = await ctx.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        const plan = await trx.executeQuery<{ 'QUERY PLAN': string }>({
          ...q,
          sql: `EXPLAIN ${q.sql}`,
        });
        return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(text).toContain('applications_ref_pattern_idx');
    }
  });
});
