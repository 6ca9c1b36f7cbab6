import { describe, expect, it } from 'vitest';
import { bigrams, indexTokens, numberKey, planQuery } from './search.segment.js';
import { highlight, htmlToText, segmentsToHtml, snippet } from './search.text.js';
import { staticSegmenter } from './search.vocabulary.js';

const seg = staticSegmenter();

describe('segmentation', () => {
  it('gives every two-character piece of a Han run', () => {
    expect(bigrams('社保补贴')).toEqual(['社保', '保补', '补贴']);
    expect(bigrams('社')).toEqual([]);
  });

  it('keeps Latin words and numbers whole, full-width made half-width', () => {
    const t = indexTokens(seg, '２０２２年ＧＤＰ统计 ABC123');
    expect(t).toEqual(expect.arrayContaining(['2022', 'gdp', 'abc123', '统计']));
  });

  it('keeps government words whole besides their bigrams', () => {
    expect(indexTokens(seg, '依申请公开工作规范性文件')).toEqual(
      expect.arrayContaining(['依申请公开', '规范性文件', '申请']),
    );
  });

  it('gives the same key to 文号 in every bracket style', () => {
    const keys = [
      '温高管〔2022〕1号',
      '温高管[2022]1号',
      '温高管【2022】1号',
      '温高管(2022)1号',
      '温高管（２０２２）１号',
      '温高管 ［2022］ 1号',
    ].map(numberKey);
    expect(new Set(keys).size).toBe(1);
  });

  it('plans queries from tokens only, whatever syntax they contain', () => {
    const plan = planQuery(seg, 'NEAR("社保" OR -补贴*)');
    expect(plan.groups.flat(2).every((t) => /^[\p{L}\p{N}]+$/u.test(t))).toBe(true);
    expect(planQuery(seg, '社').groups).toEqual([]);
    expect(planQuery(seg, '\u0000\u001b').groups).toEqual([]);
  });

  it('searches a two-character string even when jieba splits it into single characters', () => {
    expect(planQuery(seg, '保补').groups.flat(2)).toContain('保补');
  });
});

describe('result text', () => {
  it('turns body HTML into text', () => {
    expect(htmlToText('<p>甲&amp;乙</p><script>x()</script><p>丙&#20013;</p>')).toBe('甲&乙\n丙中');
  });

  it('escapes first, then marks matches', () => {
    const html = segmentsToHtml(highlight('<b>社保</b>补贴', ['社保']));
    expect(html).toBe('&lt;b&gt;<mark>社保</mark>&lt;/b&gt;补贴');
  });

  it('cuts a snippet around the first match', () => {
    const s = snippet(['无关', `${'前'.repeat(200)}公积金${'后'.repeat(200)}`], ['公积金']);
    expect(s.some((x) => x.mark && x.text === '公积金')).toBe(true);
    expect(s.map((x) => x.text).join('').length).toBeLessThan(130);
  });
});
