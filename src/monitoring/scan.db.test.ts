import { beforeAll, expect, it } from 'vitest';
import { createTestOrg } from '../../test/factories.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { AppError } from '../platform/errors.js';
import { runMonitorScan, recheckFinding } from './scan.service.js';

const NOW = new Date('2026-11-28T02:00:00Z'); // Saturday 10:00 in China
const admin: Actor = { userId: 0, username: 'platform', isPlatformAdmin: true, grants: [] };
const as = (orgId: number, role: 'org_admin' | 'editor' | 'supervisor'): Actor => ({
  userId: 0,
  username: role,
  isPlatformAdmin: false,
  grants: [{ orgId, role }],
});

async function column(ctx: AppContext, orgId: number, code: string, cls: string) {
  const r = await ctx.db
    .insertInto('columns')
    .values({
      org_id: orgId,
      code,
      name: `栏目${code}`,
      parent_id: null,
      category: null,
      update_class: cls,
      review_levels: 1,
      is_system: 0,
      sort: 0,
      created_at: 'x',
      updated_at: 'x',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

async function item(
  ctx: AppContext,
  orgId: number,
  columnId: number,
  over: { ref: string; published_on: string; body_html?: string; formed_on?: string },
) {
  const r = await ctx.db
    .insertInto('items')
    .values({
      org_id: orgId,
      ref: over.ref,
      index_no: null,
      title: `信息${over.ref}`,
      summary: null,
      body_html: over.body_html ?? '<p>工作动态。</p>',
      column_id: columnId,
      category: 'news',
      doc_type: 'other',
      doc_number: null,
      formed_on: over.formed_on ?? over.published_on,
      published_on: over.published_on,
      channels: '["portal"]',
      validity: null,
      abolished_on: null,
      interprets_ref: null,
      attribute: 'active',
      attribute_reason: null,
      rereview_on: null,
      topic: null,
      genre: null,
      keywords: null,
      disclosure_mode: null,
      status: 'published',
      review_level: 0,
      scheduled_at: null,
      author_id: null,
      version: 1,
      change_note: null,
      withdrawn_on: null,
      withdrawal_reason: null,
      published_at: null,
      created_at: 'x',
      updated_at: 'x',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

const findings = (ctx: AppContext, orgId: number) =>
  ctx.db
    .selectFrom('monitor_findings')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('id')
    .execute();
const events = (ctx: AppContext, id: number) =>
  ctx.db
    .selectFrom('monitor_finding_events')
    .select('action')
    .where('finding_id', '=', id)
    .orderBy('id')
    .execute()
    .then((r) => r.map((e) => e.action));
const byKind = async (ctx: AppContext, orgId: number, kind: string) => {
  const f = (await findings(ctx, orgId)).find((x) => x.kind === kind);
  if (!f) throw new Error(`no ${kind} finding`);
  return f;
};
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return null;
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
};

describeEachDb('monitoring scans', (get) => {
  let orgId = 0;
  let otherId = 0;
  let accountId = 0;

  beforeAll(async () => {
    const ctx = get();
    ctx.now = () => NOW;
    const org = await createTestOrg(ctx, { code: 'mon-a' });
    orgId = org.id;
    otherId = (await createTestOrg(ctx, { code: 'mon-b' })).id;
    const news = await column(ctx, orgId, 'news', 'news');
    await column(ctx, orgId, 'notice', 'notice');
    await item(ctx, orgId, news, {
      ref: 'a1',
      published_on: '2026-11-02',
      body_html: '<p>联系人手机：13812345678。</p>',
    });
    accountId = (
      await ctx.db
        .insertInto('new_media_accounts')
        .values({
          org_id: orgId,
          platform: 'wechat',
          name: '测试发布',
          owner: '办公室',
          status: 'operating',
          merged_into: null,
          url: null,
          last_update_on: '2026-10-01',
          created_at: 'x',
          updated_at: 'x',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });

  it('opens a finding per problem with its due date, event and progress, and audits the scan', async () => {
    const ctx = get();
    const r = await runMonitorScan(ctx, as(orgId, 'org_admin'), { orgId });
    const rows = await findings(ctx, orgId);
    expect(rows.map((f) => f.kind).sort()).toEqual(
      [
        'blank_column',
        'contact_unconfirmed',
        'content_personal_data',
        'guide_unconfirmed',
        'home_not_updated',
        'new_media_stale',
        'stale_column',
      ].sort(),
    );
    expect(new Set(rows.map((f) => f.status))).toEqual(new Set(['open']));
    expect(r).toMatchObject({ orgs: 1, opened: rows.length, closed: 0, reopened: 0 });
    // Saturday 2026-11-28: +5 working days = 2026-12-04 (veto), +10 = 2026-12-11.
    expect((await byKind(ctx, orgId, 'home_not_updated')).due_on).toBe('2026-12-04');
    expect((await byKind(ctx, orgId, 'guide_unconfirmed')).due_on).toBe('2026-12-11');
    const content = await byKind(ctx, orgId, 'content_personal_data');
    expect(JSON.parse(content.detail)).toMatchObject({ rule: 'mobile', text: '138****5678' });
    expect(JSON.stringify(content)).not.toContain('13812345678');
    expect(await events(ctx, content.id)).toEqual(['detected']);
    const scan = await ctx.db
      .selectFrom('monitor_scans')
      .selectAll()
      .where('id', '=', r.scanId)
      .executeTakeFirstOrThrow();
    expect(scan).toMatchObject({ status: 'done', org_id: orgId, opened: rows.length, closed: 0 });
    expect(scan.done).toBe(scan.total);
    expect(scan.total).toBeGreaterThan(5);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'org_id'])
      .where('action', '=', 'monitoring.scan')
      .execute();
    expect(audit).toContainEqual({ action: 'monitoring.scan', org_id: orgId });
  });

  it('updates the same rows on a rescan instead of adding new ones', async () => {
    const ctx = get();
    const before = await findings(ctx, orgId);
    ctx.now = () => new Date(NOW.getTime() + 3600_000);
    const r = await runMonitorScan(ctx, as(orgId, 'org_admin'), { orgId });
    const after = await findings(ctx, orgId);
    expect(r).toMatchObject({ opened: 0, reopened: 0, closed: 0, seen: before.length });
    expect(after.map((f) => f.id)).toEqual(before.map((f) => f.id));
    expect(after.every((f) => f.last_seen_at > f.first_seen_at)).toBe(true);
  });

  it('closes what is gone, reopens fixed and closed findings seen again, leaves ignored alone', async () => {
    const ctx = get();
    const media = await byKind(ctx, orgId, 'new_media_stale');
    await ctx.db
      .updateTable('new_media_accounts')
      .set({ last_update_on: '2026-11-27' })
      .where('id', '=', accountId)
      .execute();
    const stale = await byKind(ctx, orgId, 'stale_column');
    await ctx.db
      .updateTable('monitor_findings')
      .set({ status: 'fixed' })
      .where('id', '=', stale.id)
      .execute();
    const blank = await byKind(ctx, orgId, 'blank_column');
    await ctx.db
      .updateTable('monitor_findings')
      .set({ status: 'ignored' })
      .where('id', '=', blank.id)
      .execute();
    const r1 = await runMonitorScan(ctx, as(orgId, 'org_admin'), { orgId });
    expect(r1).toMatchObject({ closed: 1, reopened: 1 });
    const m1 = await byKind(ctx, orgId, 'new_media_stale');
    expect(m1.status).toBe('closed');
    expect(m1.closed_at).not.toBeNull();
    expect(await events(ctx, media.id)).toEqual(['detected', 'resolved']);
    expect((await byKind(ctx, orgId, 'stale_column')).status).toBe('open');
    expect(await events(ctx, stale.id)).toEqual(['detected', 'recheck_failed']);
    expect((await byKind(ctx, orgId, 'blank_column')).status).toBe('ignored');

    await ctx.db
      .updateTable('new_media_accounts')
      .set({ last_update_on: '2026-10-01' })
      .where('id', '=', accountId)
      .execute();
    const r2 = await runMonitorScan(ctx, as(orgId, 'org_admin'), { orgId });
    expect(r2).toMatchObject({ reopened: 1, opened: 0 });
    const m2 = await byKind(ctx, orgId, 'new_media_stale');
    expect(m2).toMatchObject({ id: media.id, status: 'open', closed_at: null });
    expect(await events(ctx, media.id)).toEqual(['detected', 'resolved', 'reopened']);
  });

  it('re-checks one finding: closes it when fixed, reopens it when not', async () => {
    const ctx = get();
    const contact = await byKind(ctx, orgId, 'contact_unconfirmed');
    await ctx.db
      .updateTable('monitor_findings')
      .set({ status: 'fixed' })
      .where('id', '=', contact.id)
      .execute();
    await ctx.db
      .updateTable('orgs')
      .set({
        contact_confirmed_on: '2026-11-20',
        contact_person: '张三',
        contact_phone: '0577-1234567',
      })
      .where('id', '=', orgId)
      .execute();
    expect(await recheckFinding(ctx, as(orgId, 'editor'), contact.id)).toBe('closed');
    expect((await byKind(ctx, orgId, 'contact_unconfirmed')).status).toBe('closed');
    expect((await events(ctx, contact.id)).at(-1)).toBe('recheck_passed');
    // the guide is still unconfirmed: only the re-checked finding changed
    expect((await byKind(ctx, orgId, 'guide_unconfirmed')).status).toBe('open');

    const home = await byKind(ctx, orgId, 'home_not_updated');
    await ctx.db
      .updateTable('monitor_findings')
      .set({ status: 'fixed' })
      .where('id', '=', home.id)
      .execute();
    expect(await recheckFinding(ctx, as(orgId, 'org_admin'), home.id)).toBe('reopened');
    expect((await byKind(ctx, orgId, 'home_not_updated')).status).toBe('open');
    expect((await events(ctx, home.id)).at(-1)).toBe('recheck_failed');
  });

  it('refuses re-checks of ignored, unknown or foreign findings', async () => {
    const ctx = get();
    const blank = await byKind(ctx, orgId, 'blank_column');
    expect(await codeOf(recheckFinding(ctx, as(orgId, 'org_admin'), blank.id))).toBe(
      'ERR_FINDING_IGNORED',
    );
    expect(await codeOf(recheckFinding(ctx, admin, 999999))).toBe('ERR_FINDING_NOT_FOUND');
    expect(await codeOf(recheckFinding(ctx, as(otherId, 'org_admin'), blank.id))).toBe(
      'ERR_MONITORING_FORBIDDEN',
    );
  });

  it('turns the latest finished link-check run into broken_link findings', async () => {
    const ctx = get();
    const run = await ctx.db
      .insertInto('link_check_runs')
      .values({
        org_id: orgId,
        start_url: 'http://127.0.0.1/mon-a/',
        started_at: 'x',
        finished_at: 'x',
        status: 'done',
        pages: 3,
        links: 10,
        broken_on_home: 1,
        broken_on_other_pages: 0,
        error: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('link_check_findings')
      .values({
        run_id: run.id,
        page: 'http://127.0.0.1/mon-a/',
        url: 'http://127.0.0.1/gone',
        text: '旧链接',
        status: '404',
        on_home: 1,
      })
      .execute();
    await runMonitorScan(ctx, admin, { orgId });
    const link = await byKind(ctx, orgId, 'broken_link');
    expect(link).toMatchObject({
      subject_id: 'http://127.0.0.1/gone',
      severity: 'major',
      status: 'open',
    });
    // a newer run without the broken link resolves it
    await ctx.db
      .insertInto('link_check_runs')
      .values({
        org_id: orgId,
        start_url: 'http://127.0.0.1/mon-a/',
        started_at: 'y',
        finished_at: 'y',
        status: 'done',
        pages: 3,
        links: 10,
        broken_on_home: 0,
        broken_on_other_pages: 0,
        error: null,
      })
      .execute();
    await runMonitorScan(ctx, admin, { orgId });
    expect((await byKind(ctx, orgId, 'broken_link')).status).toBe('closed');
  });

  it('lets only the org_admin of the org (or a platform admin) run scans', async () => {
    const ctx = get();
    expect(await codeOf(runMonitorScan(ctx, as(orgId, 'editor'), { orgId }))).toBe(
      'ERR_MONITORING_FORBIDDEN',
    );
    expect(await codeOf(runMonitorScan(ctx, as(otherId, 'org_admin'), { orgId }))).toBe(
      'ERR_MONITORING_FORBIDDEN',
    );
    expect(await codeOf(runMonitorScan(ctx, as(orgId, 'org_admin')))).toBe(
      'ERR_MONITORING_FORBIDDEN',
    );
    expect(await codeOf(runMonitorScan(ctx, admin, { orgId: 999999 }))).toBe('ERR_ORG_NOT_FOUND');
    const all = await runMonitorScan(ctx, admin);
    expect(all.orgs).toBe(2);
    expect((await findings(ctx, otherId)).map((f) => f.kind)).toContain('home_not_updated');
  });

  it('finishes the scan when one monitor fails, records which, and leaves its kinds alone', async () => {
    const ctx = get();
    const col = await column(ctx, otherId, 'news-b', 'news');
    // a corrupt 成文日期 (e.g. from a bad import) makes the timeliness rule throw
    await item(ctx, otherId, col, { ref: 'bad', published_on: '2026-11-27', formed_on: 'bad' });
    const r = await runMonitorScan(ctx, admin, { orgId: otherId });
    const scan = await ctx.db
      .selectFrom('monitor_scans')
      .selectAll()
      .where('id', '=', r.scanId)
      .executeTakeFirstOrThrow();
    expect(scan.status).toBe('done');
    expect(scan.error).toContain('mon-b/公开及时性');
    expect(scan.done).toBe(scan.total);
    // the home page monitor still ran: the new item updated the home page, so it was resolved
    const home = (await findings(ctx, otherId)).find((f) => f.kind === 'home_not_updated');
    expect(home?.status).toBe('closed');
  });
});
