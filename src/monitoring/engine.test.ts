import { describe, expect, it } from 'vitest';
import { blockingFindings, blocksPublication, checkText, dedupeOverlaps } from './engine.js';
import { whitelistFromMarks, type Finding } from './findings.model.js';

const OPTS = { today: '2026-01-01' };
const finding = (over: Partial<Finding>): Finding => ({
  category: 'typo',
  rule: 'typo.repeat',
  start: 0,
  end: 2,
  text: '的的',
  context: '',
  severity: 'low',
  suggestion: '',
  ...over,
});

describe('checkText', () => {
  it('runs every category and sorts findings by start', () => {
    const text =
      '机密★1年\n申请人身份证号11010519491231002X，以习近平新时代中国特色主义思想为指导，按装设备。';
    const found = checkText(text, OPTS);
    expect(found.map((f) => f.category)).toEqual([
      'secrecy',
      'personal_data',
      'expression',
      'typo',
    ]);
    expect(found.map((f) => f.start)).toEqual([...found.map((f) => f.start)].sort((a, b) => a - b));
  });

  it('finds nothing in clean government prose', () => {
    expect(
      checkText(
        '根据《中华人民共和国政府信息公开条例》（国务院令第711号），现将有关事项通知如下。',
        OPTS,
      ),
    ).toEqual([]);
  });

  it('drops whitelisted findings: exact strings or rule-and-text pairs from false-positive marks', () => {
    const text = '咨询电话：13812345678；监督电话：13900001111。';
    const whitelist = whitelistFromMarks([{ rule: 'mobile', text: '138 1234 5678' }]);
    expect(checkText(text, { ...OPTS, whitelist }).map((f) => f.text)).toEqual(['13900001111']);
    const otherRule = whitelistFromMarks([{ rule: 'bank_card', text: '13812345678' }]);
    expect(checkText(text, { ...OPTS, whitelist: otherRule })).toHaveLength(2);
  });
});

describe('dedupeOverlaps', () => {
  it('keeps the higher severity of overlapping findings', () => {
    const low = finding({ start: 0, end: 4 });
    const high = finding({
      category: 'personal_data',
      rule: 'mobile',
      start: 2,
      end: 6,
      severity: 'high',
    });
    const apart = finding({ start: 10, end: 12 });
    expect(dedupeOverlaps([low, high, apart])).toEqual([high, apart]);
  });
});

describe('blocksPublication (REGULATIONS.md §7.5 gate, §7.6)', () => {
  it('blocks on secrecy markers and high-confidence personal data only', () => {
    expect(
      blocksPublication([
        finding({ category: 'secrecy', rule: 'internal_marker', severity: 'medium' }),
      ]),
    ).toBe(true);
    expect(
      blocksPublication([
        finding({ category: 'personal_data', rule: 'id_card', severity: 'high' }),
      ]),
    ).toBe(true);
    expect(
      blocksPublication([
        finding({ category: 'personal_data', rule: 'mobile', severity: 'medium' }),
      ]),
    ).toBe(false);
    expect(
      blocksPublication([
        finding({ category: 'expression', rule: 'expression.xi_thought', severity: 'high' }),
      ]),
    ).toBe(false);
  });

  it('stops blocking once a reviewer clears the finding with a reason', () => {
    const marker = finding({
      category: 'secrecy',
      rule: 'secrecy_marker',
      text: '秘密★1年',
      severity: 'high',
    });
    expect(
      blocksPublication([marker], [{ rule: 'secrecy_marker', text: '秘密★1年', reason: '' }]),
    ).toBe(true);
    expect(
      blockingFindings(
        [marker],
        [{ rule: 'secrecy_marker', text: '秘密★1年', reason: '已解密，见解密通知' }],
      ),
    ).toEqual([]);
  });
});
