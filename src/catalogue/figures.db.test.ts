import type { Insertable } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { createTestOrg } from '../../test/factories.js';
import type { Actor } from '../platform/authz.js';
import type { ItemsTable } from '../platform/db/schema.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { actor, form, user } from './catalogue.test-support.js';
import { listColumns } from './columns.service.js';
import {
  normativeWithoutInterpretation,
  proactiveFigures,
  rereviewQueue,
  timelinessStats,
} from './figures.service.js';
import { createItem, getItem } from './items.service.js';
import { rereviewItem } from './rereview.service.js';
import { publishItem, reviewItem, submitItem } from './workflow.service.js';

describeEachDb('catalogue queues and figures', (get) => {
  let orgId: number;
  let editor: Actor;
  let reviewer: Actor;
  let policyCol: number;
  let interpCol: number;

  /** Drafts, submits, approves and publishes an item. */
  async function published(over: Parameters<typeof form>[1]) {
    const ctx = get();
    const { item } = await createItem(ctx, editor, orgId, form(policyCol, over));
    await submitItem(ctx, editor, orgId, item.id);
    await reviewItem(ctx, reviewer, orgId, item.id, { decision: 'approve', comment: null });
    await publishItem(ctx, reviewer, orgId, item.id, { mode: 'now', scheduled_at: null });
    return item;
  }

  beforeAll(async () => {
    const ctx = get();
    ctx.now = () => new Date('2026-03-10T02:00:00Z');
    orgId = (await createTestOrg(ctx, { code: 'fq-org', kind: 'township' })).id;
    editor = actor(await user(ctx, 'fq-ed'), orgId, 'editor');
    reviewer = actor(await user(ctx, 'fq-rv'), orgId, 'reviewer');
    const cols = await listColumns(ctx, editor, orgId);
    policyCol = cols.find((c) => c.code === 'policy')?.id ?? 0;
    interpCol = cols.find((c) => c.code === 'interpretation')?.id ?? 0;
    expect(cols.map((c) => c.code)).toContain('art21-t08');
  });

  it('never publishes withheld items and queues them for re-review, release sends them to review', async () => {
    const ctx = get();
    await expect(
      createItem(ctx, editor, orgId, form(policyCol, { attribute: 'withheld' })),
    ).rejects.toMatchObject({ fields: { attribute_reason: expect.any(String) } });
    const { item } = await createItem(
      ctx,
      editor,
      orgId,
      form(policyCol, {
        attribute: 'withheld',
        attribute_reason: 'art16-process',
        doc_type: 'other',
      }),
    );
    expect(item.rereview_on).toBe('2027-03-10');
    await submitItem(ctx, editor, orgId, item.id);
    await reviewItem(ctx, reviewer, orgId, item.id, { decision: 'approve', comment: null });
    await expect(
      publishItem(ctx, reviewer, orgId, item.id, { mode: 'now', scheduled_at: null }),
    ).rejects.toMatchObject({ code: 'ERR_NOT_PUBLIC' });
    expect(await rereviewQueue(ctx, reviewer, orgId, '2027-03-10')).toHaveLength(1);
    expect(await rereviewQueue(ctx, reviewer, orgId, '2027-03-09')).toHaveLength(0);
    await rereviewItem(
      ctx,
      reviewer,
      orgId,
      item.id,
      { result: 'keep', comment: null },
      '2028-03-10',
    );
    expect((await getItem(ctx, editor, orgId, item.id)).rereview_on).toBe('2028-03-10');
    await rereviewItem(
      ctx,
      reviewer,
      orgId,
      item.id,
      { result: 'release', comment: '情势变化' },
      '2028-03-10',
    );
    expect(await getItem(ctx, editor, orgId, item.id)).toMatchObject({
      attribute: 'active',
      status: 'in_review',
      review_level: 1,
    });
  });

  it('flags published normative documents without an interpretation', async () => {
    const ctx = get();
    const policy = await published({ doc_type: 'normative' });
    const flagged = await normativeWithoutInterpretation(ctx, editor, orgId);
    expect(flagged.map((p) => p.id)).toContain(policy.id);
    const { item } = await createItem(
      ctx,
      editor,
      orgId,
      form(interpCol, { doc_type: 'other', doc_number: null, interprets_ref: policy.ref }),
    );
    expect(item.interprets_ref).toBe(policy.ref);
    await submitItem(ctx, editor, orgId, item.id);
    await reviewItem(ctx, reviewer, orgId, item.id, { decision: 'approve', comment: null });
    await publishItem(ctx, reviewer, orgId, item.id, { mode: 'now', scheduled_at: null });
    expect(
      (await normativeWithoutInterpretation(ctx, editor, orgId)).map((p) => p.id),
    ).not.toContain(policy.id);
  });

  it('counts table 二 and the channels per EXCHANGE §2.1', async () => {
    const ctx = get();
    const org = (await createTestOrg(ctx, { code: 'fig-org' })).id;
    const base = {
      org_id: org,
      title: 't',
      category: 'art20-01',
      status: 'published',
      attribute: 'active',
      created_at: 'x',
      updated_at: 'x',
    };
    const rows: Array<Record<string, string | null>> = [
      {
        ref: 'a',
        doc_type: 'normative',
        formed_on: '2022-03-01',
        published_on: '2022-03-05',
        channels: '["portal","platform"]',
      },
      {
        ref: 'b',
        doc_type: 'normative',
        formed_on: '2021-05-01',
        published_on: '2021-05-02',
        abolished_on: '2022-06-01',
        channels: '["portal"]',
      },
      {
        ref: 'c',
        doc_type: 'normative',
        formed_on: '2020-01-01',
        published_on: '2020-01-02',
        channels: '["portal"]',
      },
      {
        ref: 'd',
        doc_type: 'rule',
        formed_on: '2022-12-31',
        published_on: '2023-01-03',
        channels: '["gazette"]',
      },
      {
        ref: 'e',
        doc_type: 'normative',
        formed_on: '2023-01-05',
        published_on: '2023-01-06',
        channels: '["portal"]',
      },
      {
        ref: 'f',
        doc_type: 'other',
        formed_on: '2022-02-01',
        published_on: '2022-02-03',
        channels: '["portal","portal","new_media"]',
      },
      {
        ref: 'g',
        doc_type: 'other',
        formed_on: '2022-02-01',
        published_on: '2022-02-03',
        attribute: 'on_request',
        channels: '["portal"]',
      },
      {
        ref: 'h',
        doc_type: 'normative',
        formed_on: '2022-02-01',
        published_on: null,
        status: 'draft',
        channels: '[]',
      },
    ];
    for (const r of rows)
      await ctx.db
        .insertInto('items')
        .values({ ...base, ...r } as unknown as Insertable<ItemsTable>)
        .execute();
    const f = await proactiveFigures(ctx, org, 2022);
    expect(f.normative_documents).toEqual({ issued: 1, abolished: 1, in_force: 2 });
    expect(f.rules).toEqual({ issued: 1, abolished: 0, in_force: 1 });
    expect(f.channels).toEqual({ portal: 2, platform: 1, gazette: 0, new_media: 1, other: 0 });
    const t = await timelinessStats(ctx, org, 2022);
    expect(t.total).toMatchObject({ published: 2, late: 0 });
  });
});
