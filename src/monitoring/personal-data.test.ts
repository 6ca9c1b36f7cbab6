import { describe, expect, it } from 'vitest';
import { idCardCheckChar, usccCheckChar } from '../platform/checksums.js';
import { detectBankCards, detectIdCards, detectMobiles } from './personal-data.js';

const OPTS = { today: '2026-01-01' };
const ID = '11010519491231002X';
const withCheck = (first17: string): string => first17 + idCardCheckChar(first17);

describe('居民身份证号 (GB 11643-1999, REGULATIONS.md §7.5)', () => {
  it('is high with a keyword nearby and medium without', () => {
    expect(detectIdCards(`身份证号：${ID}`, OPTS).map((f) => f.severity)).toEqual(['high']);
    expect(detectIdCards(`名单：${ID}`, OPTS).map((f) => f.severity)).toEqual(['medium']);
  });

  it('reports offsets into the original text and the matched text', () => {
    const text = `申请人身份证号${ID}，`;
    const [f] = detectIdCards(text, OPTS);
    expect(f && text.slice(f.start, f.end)).toBe(ID);
    expect(f?.rule).toBe('id_card');
    expect(f?.context).toContain('申请人');
  });

  it('ignores numbers with a wrong check character, an impossible birth date or region', () => {
    expect(detectIdCards('身份证号110105194912310021', OPTS)).toEqual([]);
    expect(detectIdCards(`身份证号${withCheck('11010519491331002')}`, OPTS)).toEqual([]);
    expect(detectIdCards(`身份证号${withCheck('99010519491231002')}`, OPTS)).toEqual([]);
  });

  it('normalises full-width digits and a lower-case x, keeping the original offsets', () => {
    const wide = [...ID].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    const [f] = detectIdCards(`号码${wide}`, OPTS);
    expect(f).toMatchObject({ start: 2, end: 20, text: wide });
    expect(detectIdCards(`身份证${ID.toLowerCase()}`, OPTS)).toHaveLength(1);
  });

  it('does not treat masked numbers as findings', () => {
    expect(detectIdCards('身份证号110101********1234', OPTS)).toEqual([]);
  });

  it('does not read a labelled 统一社会信用代码 as an ID number even if both checksums hold', () => {
    // An all-digit code from 机构编制 (prefix 11) that is also a valid ID number.
    let code = '';
    for (let seq = 0; seq < 1000 && !code; seq++) {
      const first17 = `11011919900101${String(seq).padStart(3, '0')}`;
      if (usccCheckChar(first17) === idCardCheckChar(first17))
        code = first17 + idCardCheckChar(first17);
    }
    expect(code).not.toBe('');
    expect(detectIdCards(`统一社会信用代码：${code}`, OPTS)).toEqual([]);
    expect(detectIdCards(`身份证号：${code}`, OPTS)).toHaveLength(1);
  });

  it('reports 15-digit legacy numbers only with a keyword, at medium', () => {
    expect(detectIdCards('旧身份证号330302750615123', OPTS)).toMatchObject([
      { rule: 'id_card_15', severity: 'medium' },
    ]);
    expect(detectIdCards('编号330302750615123', OPTS)).toEqual([]);
  });
});

describe('mobile numbers', () => {
  it('is medium alone and high with a keyword', () => {
    expect(detectMobiles('请与13812345678对接', OPTS).map((f) => f.severity)).toEqual(['medium']);
    expect(detectMobiles('手机：13812345678', OPTS).map((f) => f.severity)).toEqual(['high']);
  });

  it('accepts separators and ignores masked numbers and office phones', () => {
    expect(detectMobiles('电话 138-1234-5678', OPTS).map((f) => f.text)).toEqual(['138-1234-5678']);
    expect(detectMobiles('手机：138****5678，电话：0577-86906612', OPTS)).toEqual([]);
    expect(detectMobiles('编号213812345678', OPTS)).toEqual([]);
  });
});

describe('bank card numbers (Luhn)', () => {
  it('reports Luhn-valid numbers, grouped or not', () => {
    expect(detectBankCards('卡号6222021234567890128', OPTS)).toMatchObject([
      { rule: 'bank_card', severity: 'high' },
    ]);
    expect(detectBankCards('账号：6222 0212 3456 7890 128', OPTS).map((f) => f.text)).toEqual([
      '6222 0212 3456 7890 128',
    ]);
  });

  it('ignores numbers failing Luhn, ID numbers, and keyword-less numbers without a card prefix', () => {
    expect(detectBankCards('卡号6222021234567890129', OPTS)).toEqual([]);
    expect(detectBankCards(`身份证号${ID}`, OPTS)).toEqual([]);
    expect(detectBankCards('合同编号2023031500012344', OPTS)).toEqual([]);
  });
});
