import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { aFullReport, seedReport, trialFormatReport } from './render.fixtures.js';
import { AnnualReportBody } from './render.html.js';
import { TABLE3_CORNER_NOTE, TABLE3_LABELS } from './render.table3.js';
import type { RenderableReport } from './render.shared.js';

const org = { name: '示例市某某局' };
const html = (doc: RenderableReport, extra: Partial<Parameters<typeof AnnualReportBody>[0]> = {}) =>
  render(<AnnualReportBody doc={doc} org={org} {...extra} />);

interface ParsedCell {
  tag: string;
  attrs: string;
  rowSpan: number;
  colSpan: number;
}

/** Splits the HTML into its tables, rows and cells (enough for the markup this renderer writes). */
function tables(markup: string): Array<{ id: string; rows: ParsedCell[][] }> {
  return [...markup.matchAll(/<table[^>]*id="([^"]+)"[^>]*>([\s\S]*?)<\/table>/g)].map((t) => ({
    id: t[1] ?? '',
    rows: [...(t[2] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...(r[1] ?? '').matchAll(/<(td|th)([^>]*)>/g)].map((c) => ({
        tag: c[1] ?? '',
        attrs: c[2] ?? '',
        rowSpan: Number(/rowspan="(\d+)"/.exec(c[2] ?? '')?.[1] ?? 1),
        colSpan: Number(/colspan="(\d+)"/.exec(c[2] ?? '')?.[1] ?? 1),
      })),
    ),
  }));
}

/** The width of every row once cells spanning down from above are accounted for. */
function rowWidths(rows: ParsedCell[][]): number[] {
  const carry: number[] = [];
  return rows.map((cells) => {
    const fromAbove = carry.filter((n) => n > 0).length;
    const width = fromAbove + cells.reduce((s, c) => s + c.colSpan, 0);
    const next = carry.map((n) => n - 1).filter((n) => n > 0);
    for (const c of cells)
      for (let i = 0; i < c.colSpan; i++) if (c.rowSpan > 1) next.push(c.rowSpan - 1);
    carry.splice(0, carry.length, ...next);
    return width;
  });
}

describe('AnnualReportBody', () => {
  it('renders the title, the preamble and the six section headings', () => {
    const out = html(seedReport(), { org: { name: '温州高新区(经开区)管委会' } });
    expect(out).toContain(
      '<h1 class="report-title">温州高新区(经开区)管委会2022年政府信息公开工作年度报告</h1>',
    );
    expect(out).toContain('国办公开办函〔2021〕30号');
    expect(out).toContain('自2022年1月1日起至2022年12月31日止');
    for (const h of [
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ])
      expect(out).toMatch(new RegExp(`<h2 id="ar-s-\\w+">${h}</h2>`));
  });

  it('splits the seed narrative into paragraphs at its sub-headings', () => {
    const out = html(seedReport());
    expect(out).toContain('<p>(一)主动公开方面。2022年,');
    expect(out).toContain('<p>(五)监督保障方面。');
    expect(out).toContain('<p>下一阶段,我委将着重抓好以下几方面');
  });

  it('shows the seed report’s missing table 二 as （未填报）, never as zero', () => {
    const out = html(seedReport());
    const section =
      /<section aria-labelledby="ar-s-proactive">([\s\S]*?)<\/section>/.exec(out)?.[1] ?? '';
    expect(section).toContain('（未填报）');
    expect(section).not.toContain('<table');
    expect(tables(out).map((t) => t.id)).toEqual(['ar-t三', 'ar-t四']);
  });

  it('lays out every row of every table to its full width (4, 10 and 15 columns)', () => {
    const t = tables(html(aFullReport()));
    expect(t.map((x) => x.id)).toEqual(['ar-t二', 'ar-t三', 'ar-t四']);
    const [two, three, four] = t;
    expect(new Set(rowWidths(two?.rows ?? []))).toEqual(new Set([4]));
    expect(new Set(rowWidths(three?.rows ?? []))).toEqual(new Set([10]));
    expect(new Set(rowWidths(four?.rows ?? []))).toEqual(new Set([15]));
    expect(three?.rows.length).toBe(3 + 25);
    expect(four?.rows.length).toBe(4);
  });

  it('merges table 三’s headers as the national format does', () => {
    const out = html(aFullReport());
    expect(out).toContain(`<td rowspan="3" colspan="3" class="corner">${TABLE3_CORNER_NOTE}</td>`);
    expect(out).toMatch(/<th colspan="7" scope="colgroup" id="ar-t3-applicant">申请人情况<\/th>/);
    expect(out).toMatch(/<th rowspan="2" scope="col" id="[^"]+">自然人<\/th>/);
    expect(out).toMatch(/<th colspan="5" scope="colgroup" id="ar-t3-legal">法人或其他组织<\/th>/);
    expect(out).toMatch(/<th rowspan="22" scope="rowgroup" id="[^"]+">三、本年度办理结果<\/th>/);
    expect(out).toMatch(/<th rowspan="8" scope="row" id="[^"]+">（三）不予公开<\/th>/);
    expect(out).toMatch(/<th rowspan="3" scope="row" id="[^"]+">（四）无法提供<\/th>/);
    expect(out).toMatch(/<th rowspan="5" scope="row" id="[^"]+">（五）不予处理<\/th>/);
    expect(out).toMatch(/<th rowspan="3" scope="row" id="[^"]+">（六）其他处理<\/th>/);
    expect(out).toMatch(
      /<th colspan="3" scope="row" id="ar-t3-r-new">一、本年新收政府信息公开申请数量<\/th>/,
    );
    expect(out).toMatch(/<th colspan="2" scope="row" id="ar-t3-r-total">（七）总计<\/th>/);
    for (const labels of Object.values(TABLE3_LABELS))
      for (const l of labels) if (l) expect(out).toContain(`>${l}</th>`);
  });

  it('merges table 四’s headers: 行政复议 5 | 行政诉讼 10 split 5 + 5', () => {
    const out = html(aFullReport());
    expect(out).toMatch(
      /<th rowspan="2" colspan="5" scope="colgroup" id="ar-t4-review">行政复议<\/th>/,
    );
    expect(out).toMatch(/<th colspan="10" scope="colgroup" id="ar-t4-litigation">行政诉讼<\/th>/);
    expect(out).toMatch(
      /<th colspan="5" scope="colgroup" id="ar-t4-direct">未经复议直接起诉<\/th>/,
    );
    expect(out).toMatch(/<th colspan="5" scope="colgroup" id="ar-t4-after">复议后起诉<\/th>/);
    expect(out.match(/>尚未审结<\/th>/g)).toHaveLength(3);
  });

  it('gives table 二 four blocks, each a caption row and a header row opening with 信息内容', () => {
    const out = html(aFullReport());
    for (const b of ['（一）', '（五）', '（六）', '（八）'])
      expect(out).toMatch(
        new RegExp(`<th colspan="4" scope="rowgroup" id="[^"]+">第二十条第${b}项</th>`),
      );
    expect(out.match(/>信息内容<\/th>/g)).toHaveLength(4);
    expect(out).toMatch(/<th colspan="3" scope="col" id="[^"]+">本年收费金额（单位：万元）<\/th>/);
    expect(out).toMatch(/<td colspan="3" class="num" headers="[^"]+">123.45<\/td>/);
  });

  it('ties every figure to its headers by ids that exist', () => {
    const out = html(aFullReport(), { idPrefix: 'r1' });
    const ids = new Set([...out.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const cells = [...out.matchAll(/<td[^>]*headers="([^"]+)"/g)];
    expect(cells).toHaveLength(10 + 25 * 7 + 15);
    for (const c of cells) for (const id of (c[1] ?? '').split(' ')) expect(ids, id).toContain(id);
    const natural = /<td class="num" headers="([^"]+)">\d+<\/td>/.exec(
      out.slice(out.indexOf('id="r1-t3-r-withheld_third_party"')),
    )?.[1];
    expect(natural).toBe(
      'r1-t3-applicant r1-t3-c-natural_person r1-t3-g1 r1-t3-g2 r1-t3-r-withheld_third_party',
    );
  });

  it('wraps each table in a labelled, focusable scroll region with a caption', () => {
    const out = html(aFullReport());
    expect(out).toContain(
      '<div class="table-wrap" role="region" aria-label="表三　收到和处理政府信息公开申请情况" tabindex="0">',
    );
    expect(out).toContain('<caption>表四　政府信息公开行政复议、行政诉讼情况</caption>');
  });

  it('makes every figure a drill-down link when links are given, and escapes the narrative', () => {
    const out = html(aFullReport(), { links: (p) => (p.startsWith('fees') ? null : `/x/${p}`) });
    expect(out).toContain('<a href="/x/applications.rows.new.6">');
    expect(out).toContain('<a href="/x/appeals.litigation_after_review.4">7</a>');
    expect(out).toContain('<a href="/x/proactive.rules.in_force">17</a>');
    expect(out).toContain('本年度发出收费通知4件，通知总金额1300元，实际收取信息处理费900元。');
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script>');
  });

  it('shows a trial-format report’s missing parts and fees as （未填报）', () => {
    const out = html(trialFormatReport());
    expect(out).toContain('（一）收取信息处理费情况：（未填报）');
    expect(out).toContain('国办公开办函〔2019〕60号');
    expect(out).not.toMatch(/<a href/);
  });

  it('notes a revision under the title', () => {
    const out = html(aFullReport(), {
      revision: { number: 2, date: '2025-02-10', note: '更正表三数据。' },
    });
    expect(out).toContain('本报告为修订版（第2版，2025-02-10发布）。修订说明：更正表三数据。');
    expect(html(aFullReport(), { revision: { number: 1 } })).not.toContain('修订版');
  });
});
