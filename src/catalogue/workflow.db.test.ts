import { beforeAll, expect, it } from 'vitest';
import { createTestOrg } from '../../test/factories.js';
import type { Actor } from '../platform/authz.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildJobRegistry } from '../platform/jobs/all-jobs.js';
import { actor, form, user } from './catalogue.test-support.js';
import { listColumns, updateColumn } from './columns.service.js';
import { createItem, getItem, updateItem } from './items.service.js';
import { listReviews, listVersions } from './items.repository.js';
import { publishItem, reviewItem, submitItem, withdrawItem } from './workflow.service.js';

describeEachDb('catalogue workflow', (get) => {
  let orgId: number;
  let editor: Actor;
  let reviewer: Actor;
  let reviewer2: Actor;
  let policyCol: number;

  beforeAll(async () => {
    const ctx = get();
    ctx.now = () => new Date('2026-03-10T02:00:00Z');
    orgId = (await createTestOrg(ctx, { code: 'wf-org', kind: 'zone' })).id;
    editor = actor(await user(ctx, 'wf-ed'), orgId, 'editor');
    reviewer = actor(await user(ctx, 'wf-rv'), orgId, 'reviewer');
    reviewer2 = actor(await user(ctx, 'wf-rv2'), orgId, 'reviewer');
    const cols = await listColumns(ctx, editor, orgId);
    policyCol = cols.find((c) => c.code === 'policy')?.id ?? 0;
  });

  it('creates the statutory columns for the org kind on first use', async () => {
    const cols = await listColumns(get(), editor, orgId);
    const codes = cols.map((c) => c.code);
    expect(codes).toContain('art20-15');
    expect(codes).toContain('art21-c07');
    expect(codes).not.toContain('art21-t01');
    expect(codes).toEqual(
      expect.arrayContaining([
        'guide',
        'system',
        'policy',
        'interpretation',
        'annual-report',
        'on-request',
      ]),
    );
  });

  it('runs draft → return → fix → approve → publish with an index number', async () => {
    const ctx = get();
    const { item, warnings } = await createItem(ctx, editor, orgId, form(policyCol));
    expect(item.doc_number).toBe('温高管〔2026〕3号');
    expect(warnings).toEqual([]);
    expect(item.body_html).not.toMatch(/script|javascript:|onerror/);
    await submitItem(ctx, editor, orgId, item.id);
    await expect(
      reviewItem(ctx, editor, orgId, item.id, { decision: 'approve', comment: null }),
    ).rejects.toMatchObject({ code: 'ERR_FORBIDDEN' });
    await reviewItem(ctx, reviewer, orgId, item.id, { decision: 'return', comment: '请补充附件' });
    expect((await getItem(ctx, editor, orgId, item.id)).status).toBe('returned');
    await updateItem(
      ctx,
      editor,
      orgId,
      item.id,
      form(policyCol, { title: '关于印发某某管理办法的通知（修改）' }),
      1,
    );
    await submitItem(ctx, editor, orgId, item.id);
    const r = await reviewItem(ctx, reviewer, orgId, item.id, {
      decision: 'approve',
      comment: null,
    });
    expect(r.approved).toBe(true);
    await publishItem(ctx, reviewer, orgId, item.id, { mode: 'now', scheduled_at: null });
    const pub = await getItem(ctx, editor, orgId, item.id);
    expect(pub).toMatchObject({
      status: 'published',
      attribute: 'active',
      published_on: '2026-03-10',
    });
    expect(pub.index_no).toMatch(/^wf-org\/2026-\d{5}$/);
    expect((await listReviews(ctx.db, item.id)).map((x) => x.decision)).toEqual([
      'return',
      'approve',
    ]);
  });

  it('refuses self-approval with ERR_SELF_REVIEW', async () => {
    const ctx = get();
    const both: Actor = { ...editor, grants: [...editor.grants, { orgId, role: 'reviewer' }] };
    const { item } = await createItem(ctx, both, orgId, form(policyCol));
    await submitItem(ctx, both, orgId, item.id);
    await expect(
      reviewItem(ctx, both, orgId, item.id, { decision: 'approve', comment: null }),
    ).rejects.toMatchObject({ code: 'ERR_SELF_REVIEW' });
  });

  it('needs two different reviewers when the column has two levels', async () => {
    const ctx = get();
    const admin: Actor = { userId: 0, username: 'pa', isPlatformAdmin: true, grants: [] };
    const cols = await listColumns(ctx, admin, orgId);
    const col = cols.find((c) => c.code === 'art20-07');
    if (!col) throw new Error('column missing');
    await updateColumn(ctx, admin, orgId, col.id, {
      code: col.code,
      name: col.name,
      parent_id: col.parentId,
      update_class: 'none',
      review_levels: 2,
      sort: null,
    });
    const { item } = await createItem(
      ctx,
      editor,
      orgId,
      form(col.id, { doc_type: 'other', doc_number: null }),
    );
    await submitItem(ctx, editor, orgId, item.id);
    expect(
      (await reviewItem(ctx, reviewer, orgId, item.id, { decision: 'approve', comment: null }))
        .approved,
    ).toBe(false);
    await expect(
      reviewItem(ctx, reviewer, orgId, item.id, { decision: 'approve', comment: null }),
    ).rejects.toMatchObject({ code: 'ERR_SAME_REVIEWER' });
    await expect(
      publishItem(ctx, reviewer, orgId, item.id, { mode: 'now', scheduled_at: null }),
    ).rejects.toMatchObject({ code: 'ERR_ITEM_STATE' });
    expect(
      (await reviewItem(ctx, reviewer2, orgId, item.id, { decision: 'approve', comment: null }))
        .approved,
    ).toBe(true);
    await publishItem(ctx, reviewer2, orgId, item.id, { mode: 'now', scheduled_at: null });
    expect((await getItem(ctx, editor, orgId, item.id)).status).toBe('published');
  });

  it('publishes a scheduled item through the job handler', async () => {
    const ctx = get();
    const { item } = await createItem(
      ctx,
      editor,
      orgId,
      form(policyCol, { doc_number: '温高管〔2026〕9号' }),
    );
    await submitItem(ctx, editor, orgId, item.id);
    await reviewItem(ctx, reviewer, orgId, item.id, { decision: 'approve', comment: null });
    await publishItem(ctx, reviewer, orgId, item.id, {
      mode: 'schedule',
      scheduled_at: '2026-03-11T09:00',
    });
    expect((await getItem(ctx, editor, orgId, item.id)).status).toBe('scheduled');
    const handler = buildJobRegistry().handler('catalogue.publish_scheduled');
    if (!handler) throw new Error('no handler');
    await handler(ctx, null, { id: 1, name: 'catalogue.publish_scheduled', attempt: 1 });
    expect((await getItem(ctx, editor, orgId, item.id)).status).toBe('scheduled');
    const saved = ctx.now;
    ctx.now = () => new Date('2026-03-11T01:00:01Z');
    try {
      await handler(ctx, null, { id: 2, name: 'catalogue.publish_scheduled', attempt: 1 });
    } finally {
      ctx.now = saved;
    }
    expect(await getItem(ctx, editor, orgId, item.id)).toMatchObject({
      status: 'published',
      published_on: '2026-03-11',
    });
  });

  it('makes version 2 with a change note on an edit after publication, then withdraws', async () => {
    const ctx = get();
    const { item } = await createItem(ctx, editor, orgId, form(policyCol, { doc_type: 'other' }));
    await submitItem(ctx, editor, orgId, item.id);
    await reviewItem(ctx, reviewer, orgId, item.id, { decision: 'approve', comment: null });
    await publishItem(ctx, reviewer, orgId, item.id, { mode: 'now', scheduled_at: null });
    const index = (await getItem(ctx, editor, orgId, item.id)).index_no;
    await expect(
      updateItem(ctx, editor, orgId, item.id, form(policyCol, { doc_type: 'other' }), 1),
    ).rejects.toMatchObject({
      code: 'ERR_VALIDATION',
      fields: { change_note: expect.any(String) },
    });
    await updateItem(
      ctx,
      editor,
      orgId,
      item.id,
      form(policyCol, { doc_type: 'other', title: '新标题', change_note: '更正标题' }),
      1,
    );
    const after = await getItem(ctx, editor, orgId, item.id);
    expect(after).toMatchObject({
      version: 2,
      change_note: '更正标题',
      status: 'published',
      index_no: index,
    });
    expect((await listVersions(ctx.db, item.id)).map((v) => v.version)).toEqual([1, 2]);
    await withdrawItem(ctx, reviewer, orgId, item.id, '内容已过时');
    expect(await getItem(ctx, editor, orgId, item.id)).toMatchObject({
      status: 'withdrawn',
      withdrawal_reason: '内容已过时',
      withdrawn_on: '2026-03-10',
    });
  });

  it('refuses 发布日期 before 成文日期 as a field error', async () => {
    await expect(
      createItem(get(), editor, orgId, form(policyCol, { published_on: '2026-03-01' })),
    ).rejects.toMatchObject({
      code: 'ERR_VALIDATION',
      fields: { published_on: expect.any(String) },
    });
  });

  it('warns on a duplicate 文号 without blocking', async () => {
    const { warnings } = await createItem(get(), editor, orgId, form(policyCol));
    expect(warnings.join()).toContain('相同文号');
  });
});
