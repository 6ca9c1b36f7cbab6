import { expect, it } from 'vitest';
import { systemActor } from '../../platform/authz.js';
import type { AppContext } from '../../platform/context.js';
import { describeEachDb } from '../../platform/db/test-helper.js';
import { exportExchange } from '../exchange.export.js';
import { sampleDocument } from '../exchange.fixtures.js';
import { importExchange, parseExchangeText } from '../exchange.import.js';

const cli = systemActor('cli');

function item(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    org: 'wzgxq',
    ref: 'p1',
    index_no: '11441700007280420Y/2022-00001',
    title: '关于印发《温州高新区企业研发投入补助管理办法》的通知',
    summary: '企业研发投入补助的条件、标准和程序。',
    body_html: '<h2>第一条</h2><p>为支持企业研发，制定本办法。</p>',
    category: 'art20-01',
    doc_type: 'normative',
    doc_number: '温高管〔2022〕12号',
    formed_on: '2022-03-01',
    published_on: '2022-03-04',
    channels: ['portal', 'platform'],
    validity: 'valid',
    abolished_on: null,
    interprets: null,
    attribute: 'active',
    attribute_reason: null,
    ...over,
  };
}

function itemsDoc() {
  const doc = sampleDocument();
  doc.items = [
    item(),
    item({
      ref: 'i1',
      index_no: '11441700007280420Y/2022-00002',
      title: '《温州高新区企业研发投入补助管理办法》政策解读',
      summary: null,
      category: 'interpretation',
      doc_type: 'other',
      doc_number: null,
      channels: ['portal'],
      validity: null,
      interprets: 'p1',
    }),
    item({
      ref: 'w1',
      index_no: null,
      title: '某企业商业秘密材料',
      summary: null,
      body_html: null,
      category: 'art20-15',
      doc_type: 'other',
      doc_number: null,
      published_on: null,
      channels: [],
      validity: null,
      attribute: 'withheld',
      attribute_reason: 'art15',
    }),
  ];
  return doc;
}

const count = async (ctx: AppContext, table: 'items' | 'audit_log') =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describeEachDb('exchange import and export of items', (get) => {
  it('refuses invalid item records with their JSON paths and imports nothing, orgs included', async () => {
    const ctx = get();
    const doc = itemsDoc();
    doc.items.push(
      item({ ref: 'bad1', org: 'nowhere', index_no: null }),
      item({ ref: 'bad2', category: 'no-such-column', index_no: null }),
      item({ ref: 'bad3', published_on: '2022-02-01', index_no: null }),
      item({ ref: 'p1', index_no: null }),
      item({ ref: 'bad5', index_no: '11441700007280420Y/2022-00001' }),
      item({ ref: 'bad6', interprets: 'missing', index_no: null }),
    );
    const err = await importExchange(ctx, cli, doc).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_IMPORT_REFERENCE' });
    expect(Object.keys((err as { fields: Record<string, string> }).fields).sort()).toEqual([
      'items[3].org',
      'items[4].category',
      'items[5].published_on',
      'items[6].ref',
      'items[7].index_no',
      'items[8].interprets',
    ]);
    const shape = itemsDoc();
    shape.items.push(item({ ref: 'x', doc_type: 'law', colour: 'red' }));
    await expect(importExchange(ctx, cli, shape)).rejects.toMatchObject({
      code: 'ERR_VALIDATION',
      fields: { 'items[3]': expect.any(String), 'items[3].doc_type': expect.any(String) },
    });
    expect(await count(ctx, 'items')).toBe(0);
    expect((await ctx.db.selectFrom('orgs').select('id').execute()).length).toBe(0);
  });

  it('imports items: published when 主动公开 with a 发布日期, else draft; columns by category', async () => {
    const ctx = get();
    expect(await importExchange(ctx, cli, itemsDoc())).toEqual({
      orgs: { created: 3, updated: 0, unchanged: 0 },
      items: { created: 3, updated: 0, unchanged: 0 },
    });
    const rows = await ctx.db
      .selectFrom('items')
      .innerJoin('columns', 'columns.id', 'items.column_id')
      .select(['items.ref', 'items.status', 'items.index_no', 'columns.code as column'])
      .orderBy('items.ref')
      .execute();
    expect(rows).toEqual([
      {
        ref: 'i1',
        status: 'published',
        index_no: '11441700007280420Y/2022-00002',
        column: 'interpretation',
      },
      {
        ref: 'p1',
        status: 'published',
        index_no: '11441700007280420Y/2022-00001',
        column: 'policy',
      },
      { ref: 'w1', status: 'draft', index_no: null, column: 'art20-15' },
    ]);
  });

  it('changes nothing on re-import, and updates and audits a changed record', async () => {
    const ctx = get();
    const audits = await count(ctx, 'audit_log');
    expect((await importExchange(ctx, cli, itemsDoc())).items).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(await count(ctx, 'audit_log')).toBe(audits);
    const doc = itemsDoc();
    doc.items[0] = item({ validity: 'abolished', abolished_on: '2024-12-31' });
    expect((await importExchange(ctx, cli, doc)).items).toEqual({
      created: 0,
      updated: 1,
      unchanged: 2,
    });
    const entry = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.action).toBe('item.update');
    expect(JSON.parse(entry.diff)).toEqual({
      before: { validity: 'valid', abolished_on: null },
      after: { validity: 'abolished', abolished_on: '2024-12-31' },
    });
    const v = await ctx.db
      .selectFrom('items')
      .select('version')
      .where('ref', '=', 'p1')
      .executeTakeFirstOrThrow();
    expect(v.version).toBe(2);
  });

  it('round-trips: the export deep-equals the imported file and re-imports unchanged', async () => {
    const ctx = get();
    const doc = itemsDoc();
    doc.items[0] = item({ validity: 'abolished', abolished_on: '2024-12-31' });
    const exported = await exportExchange(ctx, cli, { orgCode: 'wzgxq' });
    const byRef = (a: { ref: string }, b: { ref: string }) => a.ref.localeCompare(b.ref);
    expect([...exported.items].sort(byRef)).toEqual(
      [...(doc.items as Array<{ ref: string }>)].sort(byRef),
    );
    const again = await importExchange(ctx, cli, parseExchangeText(JSON.stringify(exported)));
    expect(again.items).toEqual({ created: 0, updated: 0, unchanged: 3 });
  });

  it('sanitises body HTML and issues a 索引号 from the template when none is given', async () => {
    const ctx = get();
    const doc = itemsDoc();
    doc.items = [
      item({
        ref: 'n1',
        index_no: null,
        category: 'art20-07',
        doc_type: 'other',
        doc_number: null,
        validity: null,
        body_html:
          '<p onclick="x()" style="color:red">预算<script>alert(1)</script></p><iframe src="//x"></iframe>',
      }),
    ];
    expect((await importExchange(ctx, cli, doc)).items).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
    });
    const row = await ctx.db
      .selectFrom('items')
      .select(['body_html', 'index_no'])
      .where('ref', '=', 'n1')
      .executeTakeFirstOrThrow();
    expect(row.body_html).toBe('<p>预算</p>');
    expect(row.index_no).toMatch(/^11441700007280420Y\/2022-\d{5}$/);
    expect(['11441700007280420Y/2022-00001', '11441700007280420Y/2022-00002']).not.toContain(
      row.index_no,
    );
    expect((await importExchange(ctx, cli, doc)).items).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
    });
  });
});
