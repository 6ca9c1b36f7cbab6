import { beforeAll, expect, it } from 'vitest';
import { createTestOrg } from '../../test/factories.js';
import { actor, form, user } from '../catalogue/catalogue.test-support.js';
import { listColumns } from '../catalogue/columns.service.js';
import { createItem, updateItem } from '../catalogue/items.service.js';
import {
  publishItem,
  reviewItem,
  submitItem,
  withdrawItem,
} from '../catalogue/workflow.service.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { search } from './search.service.js';
import { SEARCH_DEFAULTS } from './search.test-support.js';

const base = SEARCH_DEFAULTS;

// The catalogue indexes in the transaction of each change: no reindex, no job, no wait here.
describeEachDb('search follows the catalogue in its transactions', (get) => {
  let ctx: AppContext;
  let orgId: number;
  let editor: Actor;
  let reviewer: Actor;
  let col: number;
  const titles = async (q: string) =>
    (await search(ctx, { ...base, q, org: 'sc-org' })).hits.map((h) => h.title);

  beforeAll(async () => {
    ctx = get();
    ctx.now = () => new Date('2026-03-10T02:00:00Z');
    orgId = (await createTestOrg(ctx, { code: 'sc-org', kind: 'zone' })).id;
    editor = actor(await user(ctx, 'sc-ed'), orgId, 'editor');
    reviewer = actor(await user(ctx, 'sc-rv'), orgId, 'reviewer');
    col = (await listColumns(ctx, editor, orgId)).find((c) => c.code === 'policy')?.id ?? 0;
  });

  it('finds an item as soon as it is published, follows an edit, and drops it on withdrawal', async () => {
    const { item } = await createItem(
      ctx,
      editor,
      orgId,
      form(col, { title: '关于调整城乡居民医疗保险缴费标准的通知', doc_number: '温高管[2026]7号' }),
    );
    expect(await titles('医疗保险')).toEqual([]); // a draft is never found
    await submitItem(ctx, editor, orgId, item.id);
    await reviewItem(ctx, reviewer, orgId, item.id, { decision: 'approve', comment: null });
    expect(await titles('医疗保险')).toEqual([]);
    await publishItem(ctx, reviewer, orgId, item.id, { mode: 'now', scheduled_at: null });
    expect(await titles('医疗保险')).toEqual(['关于调整城乡居民医疗保险缴费标准的通知']);
    const hit = (await search(ctx, { ...base, q: '温高管〔2026〕7号' })).hits[0];
    expect(hit?.exact).toBe(true);

    await updateItem(
      ctx,
      editor,
      orgId,
      item.id,
      form(col, {
        title: '关于调整城乡居民养老保险缴费标准的通知',
        doc_number: '温高管[2026]7号',
        change_note: '更正标题',
      }),
      1,
    );
    expect(await titles('养老保险')).toEqual(['关于调整城乡居民养老保险缴费标准的通知']);
    expect(await titles('医疗保险')).toEqual([]);

    await withdrawItem(ctx, reviewer, orgId, item.id, '内容已过时');
    expect(await titles('养老保险')).toEqual([]);
    expect((await search(ctx, { ...base, q: '养老保险', org: 'sc-org' })).total).toBe(0);
  });

  it('keeps the facet counts in step with publication and withdrawal', async () => {
    const publish = async (title: string) => {
      const { item } = await createItem(ctx, editor, orgId, form(col, { title }));
      await submitItem(ctx, editor, orgId, item.id);
      await reviewItem(ctx, reviewer, orgId, item.id, { decision: 'approve', comment: null });
      await publishItem(ctx, reviewer, orgId, item.id, { mode: 'now', scheduled_at: null });
      return item.id;
    };
    const a = await publish('生活垃圾分类工作方案');
    await publish('生活垃圾分类考核办法');
    let r = await search(ctx, { ...base, q: '垃圾分类', org: 'sc-org' });
    expect(r.total).toBe(2);
    expect(r.facets.docType).toEqual([{ value: 'normative', label: '行政规范性文件', count: 2 }]);
    await withdrawItem(ctx, reviewer, orgId, a, '已被新文件替代');
    r = await search(ctx, { ...base, q: '垃圾分类', org: 'sc-org' });
    expect(r.total).toBe(1);
    expect(r.hits.map((h) => h.title)).toEqual(['生活垃圾分类考核办法']);
  });
});
