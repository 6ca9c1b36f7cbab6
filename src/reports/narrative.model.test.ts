import { describe, expect, it } from 'vitest';
import { extractNarrativeClaims } from './narrative.model.js';

const claims = (text: string, year = 2022) =>
  extractNarrativeClaims(text, 'overview', year).map((c) => [c.rule, c.value]);

describe('extractNarrativeClaims (NARRATIVE_MISMATCH)', () => {
  it.each([
    ['2022年,我委共受理政府信息公开申请0件', [['applications_received', 0]]],
    ['全年共收到政府信息公开申请75件。', [['applications_received', 75]]],
    ['截至年底，现行有效行政规范性文件393件。', [['normative_documents_in_force', 393]]],
    ['现行有效规章12件', [['rules_in_force', 12]]],
    [
      '我委主动公开政府信息4,058条，其中管委会门户网站公开3686条，市信息公开平台公开372条。',
      [
        ['proactive_total', 4058],
        ['channel_portal', 3686],
        ['channel_platform', 372],
      ],
    ],
    ['政务新媒体发布信息80条', [['channel_new_media', 80]]],
    [
      '发生政府信息公开行政复议2件，政府信息公开行政诉讼1起',
      [
        ['appeals_review', 2],
        ['appeals_litigation', 1],
      ],
    ],
    ['2022年实际收取信息处理费共计400元。', [['fees_collected', 400]]],
    ['本年度本机关未收取政府信息公开处理费', [['fees_none', 0]]],
  ])('reads “%s”', (text, expected) => {
    expect(claims(text)).toEqual(expected);
  });

  it.each([
    '较上年收到政府信息公开申请75件有所下降',
    '2021年收到政府信息公开申请50件',
    '同比主动公开政府信息4058条',
    '除1件外，其余均未收取信息处理费',
    '二、主动公开政府信息情况',
    '收到政府信息公开申请七十五件',
  ])('does not read a number it cannot be sure of: “%s”', (text) => {
    expect(claims(text)).toEqual([]);
  });

  it('reads a later sentence of this year after one about last year', () => {
    expect(claims('2021年收到申请50件。2022年收到政府信息公开申请75件。')).toEqual([
      ['applications_received', 75],
    ]);
  });
});
