import { describe, expect, it } from 'vitest';
import { detectDates, detectDocNumbers } from './typos-format.js';
import { detectBrackets, detectConfusions, detectRepeats } from './typos.js';

const OPTS = { today: '2026-01-01' };
const texts = (fs: Array<{ text: string }>): string[] => fs.map((f) => f.text);

describe('confusion dictionary', () => {
  it('flags common typos with the correction', () => {
    const [f] = detectConfusions('完成充电设施按装', OPTS);
    expect(f).toMatchObject({ rule: 'typo.confusion', text: '按装' });
    expect(f?.suggestion).toContain('安装');
    expect(texts(detectConfusions('既使困难再大，也要按时部署，截止目前已完成', OPTS))).toEqual([
      '既使',
      '截止目前',
    ]);
  });

  it('skips longer correct phrases and accepts 截止 as a noun', () => {
    expect(detectConfusions('按装修面积计算，既使用财政资金又使用社会资本', OPTS)).toEqual([]);
    expect(detectConfusions('报名截止日期为6月30日，截至目前已报名300人', OPTS)).toEqual([]);
  });

  it('flags 截止 directly followed by a date', () => {
    expect(texts(detectConfusions('截止2023年底，全市共有', OPTS))).toEqual(['截止']);
  });
});

describe('repeated characters', () => {
  it('flags accidental doubles', () => {
    expect(texts(detectRepeats('做好公开的的各项工作，研究了了方案', OPTS))).toEqual([
      '的的',
      '了了',
    ]);
  });

  it('accepts reduplications and doubles across a word boundary', () => {
    const ok =
      '常常、人人、看看、年年、天天、谢谢，某某公司，城市市容，应当当场答复，温州市市长，不了了之，目的的实现';
    expect(detectRepeats(ok, OPTS)).toEqual([]);
  });
});

describe('brackets and quotes', () => {
  it('flags unclosed and stray brackets with the matching width in the suggestion', () => {
    const [open] = detectBrackets('根据《条例》（以下简称条例规定', OPTS);
    expect(open).toMatchObject({ rule: 'typo.bracket', text: '（' });
    expect(open?.suggestion).toContain('）');
    expect(texts(detectBrackets('总投资3亿元）。', OPTS))).toEqual(['）']);
    expect(texts(detectBrackets('坚持“房住不炒定位', OPTS))).toEqual(['“']);
    expect(texts(detectBrackets('he said "yes', OPTS))).toEqual(['"']);
  });

  it('accepts balanced text, list markers and multi-paragraph quotations', () => {
    expect(
      detectBrackets('（一）加强领导。1）提高认识；2）落实责任。“放管服”改革【重点】', OPTS),
    ).toEqual([]);
    expect(detectBrackets('“第一段\n“第二段”', OPTS)).toEqual([]);
  });
});

describe('impossible dates', () => {
  it('flags months and days that do not exist', () => {
    expect(
      texts(
        detectDates('2022年13月召开；2月30日前；2023年2月29日；2023-02-29；2024年4月31日', OPTS),
      ),
    ).toEqual(['2022年13月', '2023年2月29日', '2024年4月31日', '2月30日', '2023-02-29']);
  });

  it('accepts real dates, leap days included', () => {
    expect(detectDates('2020年2月29日、2024-02-29、12月31日、2023年12月', OPTS)).toEqual([]);
  });
});

describe('发文字号 (GB/T 9704-2012)', () => {
  it.each([
    ['温政办[2022]15号', '[2022]15号', 'medium', '〔2022〕15号'],
    ['温政发(2023)8号', '(2023)8号', 'medium', '〔2023〕8号'],
    ['浙政办发〔22〕17号', '〔22〕17号', 'medium', '〔2022〕17号'],
    ['国办发2017〕47号', '2017〕47号', 'medium', '〔2017〕47号'],
    ['浙政办发〔2023〕第12号', '〔2023〕第12号', 'low', '〔2023〕12号'],
    ['瓯政发〔2024〕03号', '〔2024〕03号', 'low', '〔2024〕3号'],
  ])('%s is flagged', (input, text, severity, fixed) => {
    const [f] = detectDocNumbers(input, OPTS);
    expect(f).toMatchObject({ rule: 'typo.doc_number', text, severity });
    expect(f?.suggestion).toContain(fixed);
  });

  it('accepts well-formed numbers, 公告 numbers and court case numbers', () => {
    expect(
      detectDocNumbers(
        '国办发〔2017〕47号；国家税务总局公告2023年第1号；（2023）浙0302行初45号',
        OPTS,
      ),
    ).toEqual([]);
  });
});
