import { describe, expect, it } from 'vitest';
import confusions from './dictionaries/confusions.json' with { type: 'json' };
import leadersFile from './dictionaries/leaders.json' with { type: 'json' };
import { detectExpressions, detectInstitutions, detectLeaders } from './expressions.js';
import type { LeaderEntry } from './findings.model.js';

const OPTS = { today: '2026-01-01' };
/** A fictitious leaders list: the shipped list is empty and kept by administrators. */
const LEADERS: LeaderEntry[] = [
  { name: '林志远', titles: ['市委副书记', '市长'], wrongNames: ['林志源'] },
  { name: '郑晓岚', titles: ['副市长'] },
];

describe('standard political expressions (REGULATIONS.md §7.4)', () => {
  it('flags wrong forms with the standard form as the suggestion', () => {
    const [f] = detectExpressions('深入学习习近平新时代中国特色主义思想', OPTS);
    expect(f).toMatchObject({
      category: 'expression',
      rule: 'expression.xi_thought',
      severity: 'high',
    });
    expect(f?.suggestion).toContain('习近平新时代中国特色社会主义思想');
  });

  it('leaves the standard forms and longer correct phrases alone', () => {
    const text =
      '全面贯彻习近平新时代中国特色社会主义思想，坚持中国特色社会主义理论体系，深刻领悟“两个确立”，做到“两个维护”。';
    expect(detectExpressions(text, OPTS)).toEqual([]);
  });
});

describe('renamed institutions', () => {
  it('flags old names at medium with the current name', () => {
    expect(detectInstitutions('报国家工商行政管理总局备案', OPTS)).toMatchObject([
      { rule: 'expression.institution.saic', severity: 'medium', text: '国家工商行政管理总局' },
    ]);
  });

  it('accepts historical references with 原 and longer words such as 农业部门', () => {
    expect(detectInstitutions('原国家工商行政管理总局制定的规章', OPTS)).toEqual([]);
    expect(detectInstitutions('农业部门和文化部门联合开展检查', OPTS)).toEqual([]);
  });
});

describe('leaders list', () => {
  it('ships an empty list in the documented format', () => {
    expect(leadersFile.leaders).toEqual([]);
  });

  it('is silent without a list', () => {
    expect(detectLeaders('林志远副市长出席会议', OPTS)).toEqual([]);
  });

  it('flags a name next to a title the leader does not hold', () => {
    const wrong = detectLeaders('林志远副市长出席会议。副市长林志远讲话。', {
      ...OPTS,
      leaders: LEADERS,
    });
    expect(wrong.map((f) => f.text)).toEqual(['林志远副市长', '副市长林志远']);
    expect(wrong[0]?.rule).toBe('expression.leader_title');
  });

  it('accepts the titles the leader holds, in short form too', () => {
    const ok = '市委副书记、市长林志远主持会议，副市长郑晓岚出席。林志远市长强调，要抓好落实。';
    expect(detectLeaders(ok, { ...OPTS, leaders: LEADERS })).toEqual([]);
  });

  it('flags known misspellings of a leader name', () => {
    expect(detectLeaders('市长林志源出席', { ...OPTS, leaders: LEADERS })).toMatchObject([
      { rule: 'expression.leader_name', text: '林志源' },
    ]);
  });
});

describe('dictionaries', () => {
  it('has at least 80 confusion entries, each with a different correction', () => {
    expect(confusions.entries.length).toBeGreaterThanOrEqual(80);
    for (const e of confusions.entries) expect(e.wrong).not.toBe(e.right);
  });
});
