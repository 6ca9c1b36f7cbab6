import { describe, expect, it } from 'vitest';
import { fieldKeys } from '../platform/crypto/sm.js';
import { contentFindings } from './content-scan.model.js';
import { blockingFindings, checkText } from './engine.js';
import { detectPersonalData, PERSONAL_DATA_RULES } from './personal-data.js';
import {
  digestOf,
  displayOf,
  findingDigest,
  maskBankCard,
  maskContext,
  maskFinding,
  maskFindingText,
  sealedText,
  storedMatches,
} from './finding-privacy.js';

const KEY = fieldKeys('00112233445566778899aabbccddeeff').mac;
const OTHER_KEY = fieldKeys('ffeeddccbbaa99887766554433221100').mac;
const ID = '11010519491231002X';
const TODAY = '2026-11-28';

describe('masked forms of personal data in findings (REGULATIONS.md §7.5)', () => {
  it('keeps the first and last four digits of a bank card, grouped by four', () => {
    expect(maskBankCard('6222021234567890')).toBe('6222 **** **** 7890');
    expect(maskBankCard('6222 0212 3456 7890 123')).toBe('6222 **** **** *** 0123');
  });

  it('masks by rule and is idempotent', () => {
    expect(maskFindingText('id_card', ID)).toBe('1101**********002X');
    expect(maskFindingText('mobile', '138 1234 5678')).toBe('138****5678');
    expect(maskFindingText('bank_card', '6222021234567890')).toBe('6222 **** **** 7890');
    for (const [rule, text] of [
      ['id_card', ID],
      ['mobile', '13812345678'],
      ['bank_card', '6222021234567890'],
    ] as const) {
      const once = maskFindingText(rule, text);
      expect(maskFindingText(rule, once)).toBe(once);
    }
  });

  it('masks the matched number and its neighbours in the context', () => {
    const ctx = `申请人身份证号：${ID}，配偶110105194912310038，手机13812345678`;
    const masked = maskContext(ctx, 'id_card', ID);
    expect(masked).toContain('身份证号：1101**********002X');
    expect(masked).not.toMatch(/\d{7}/);
  });

  it('knows every rule of the personal-data detectors', () => {
    const text = `身份证号${ID}，旧证号110105491231002，手机13812345678，银行卡号6222021234567894。`;
    const rules = detectPersonalData(text, { today: TODAY }).map((f) => f.rule);
    expect(new Set(rules)).toEqual(PERSONAL_DATA_RULES);
  });

  it('leaves findings of other categories in clear', () => {
    const [marker] = checkText('机密★5年', { today: TODAY });
    expect(marker && maskFinding(marker)).toEqual(marker);
  });
});

describe('keyed digests of personal data in findings', () => {
  it('depends on the key and the rule, not on spaces or width', () => {
    const d = findingDigest(KEY, 'mobile', '13812345678');
    expect(d).toMatch(/^hmac:[0-9a-f]{64}$/);
    expect(findingDigest(KEY, 'mobile', '138 1234 5678')).toBe(d);
    expect(findingDigest(KEY, 'mobile', '１３８１２３４５６７８')).toBe(d);
    expect(findingDigest(OTHER_KEY, 'mobile', '13812345678')).not.toBe(d);
    expect(findingDigest(KEY, 'bank_card', '13812345678')).not.toBe(d);
  });

  it('reads the digest and the display form back from a sealed text', () => {
    const d = findingDigest(KEY, 'id_card', ID);
    const sealed = sealedText(d, maskFindingText('id_card', ID));
    expect(digestOf(sealed)).toBe(d);
    expect(displayOf(sealed)).toBe('1101**********002X');
    expect(digestOf('机密★5年')).toBeNull();
    expect(displayOf('机密★5年')).toBe('机密★5年');
  });

  it('matches personal data by digest only when there is a key, other text in clear', () => {
    const f = { category: 'personal_data' as const, rule: 'id_card', text: ID };
    const sealed = sealedText(findingDigest(KEY, 'id_card', ID), 'x');
    expect(storedMatches(sealed, f, KEY)).toBe(true);
    expect(storedMatches(sealed, f, OTHER_KEY)).toBe(false);
    expect(storedMatches(sealed, f)).toBe(false);
    expect(storedMatches(ID, f, KEY)).toBe(false);
    expect(storedMatches(ID, f)).toBe(true);
    const marker = { category: 'secrecy' as const, rule: 'secrecy_marker', text: '机密★5年' };
    expect(storedMatches('机密★5年', marker, KEY)).toBe(true);
  });
});

describe('the engine with sealed clearances and whitelist entries', () => {
  const text = `申请人身份证号：${ID}，联系人手机：13812345678。`;

  it('clears a blocking personal-data finding by its sealed clearance', () => {
    const findings = checkText(text, { today: TODAY, privacyKey: KEY });
    expect(blockingFindings(findings, [], KEY).map((f) => f.rule)).toEqual(['id_card', 'mobile']);
    const clearance = {
      rule: 'id_card',
      text: sealedText(findingDigest(KEY, 'id_card', ID), '1101**********002X'),
      reason: '本人同意',
    };
    expect(blockingFindings(findings, [clearance], KEY).map((f) => f.rule)).toEqual(['mobile']);
    expect(blockingFindings(findings, [clearance], OTHER_KEY)).toHaveLength(2);
  });

  it('drops a finding whose digest is on the whitelist, under its rule', () => {
    const entry = sealedText(findingDigest(KEY, 'mobile', '13812345678'), '138****5678');
    const rules = (key: Buffer, rule?: string) =>
      checkText(text, {
        today: TODAY,
        privacyKey: key,
        whitelist: { entries: [rule ? { text: entry, rule } : { text: entry }] },
      }).map((f) => f.rule);
    expect(rules(KEY, 'mobile')).toEqual(['id_card']);
    expect(rules(KEY)).toEqual(['id_card']);
    expect(rules(KEY, 'bank_card')).toEqual(['id_card', 'mobile']);
    expect(rules(OTHER_KEY, 'mobile')).toEqual(['id_card', 'mobile']);
  });
});

describe('rescan findings of personal data', () => {
  const item = { id: 4, title: '通知', columnId: 2 };
  const texts = (body: string) => [{ source: 'body', label: '正文', text: body }];

  it('store the masked text and context and the digest, never the number', () => {
    const [f] = contentFindings(item, texts('联系人手机13812345678，请联系。'), {
      today: TODAY,
      privacyKey: KEY,
    });
    const digest = findingDigest(KEY, 'mobile', '13812345678');
    expect(f?.subjectId).toBe(`4:body:mobile:${digest}`);
    expect(f?.detail).toMatchObject({ text: '138****5678', digest });
    expect(String(f?.detail.context)).toContain('联系人手机138****5678');
    expect(f?.title).toContain('138****5678');
    expect(JSON.stringify(f)).not.toContain('13812345678');
  });

  it('keep the same identity when the number is written differently, and count repeats', () => {
    const out = contentFindings(item, texts('手机13812345678；又手机138 1234 5678。'), {
      today: TODAY,
      privacyKey: KEY,
    });
    expect(out).toHaveLength(1);
    expect(out[0]?.detail.occurrences).toBe(2);
  });

  it('keep two numbers with the same masked form apart', () => {
    const out = contentFindings(item, texts('手机13812345678，手机13899995678。'), {
      today: TODAY,
      privacyKey: KEY,
    });
    expect(out.map((f) => f.detail.text)).toEqual(['138****5678', '138****5678']);
    expect(new Set(out.map((f) => f.subjectId)).size).toBe(2);
  });
});
