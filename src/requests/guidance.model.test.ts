import { describe, expect, it } from 'vitest';
import { ART } from './guidance.articles.js';
import { actionGuidance, guidanceFor, outcomeGuidance, type Guidance } from './guidance.model.js';
import {
  ACTION_LETTER_KINDS,
  CASE_ACTIONS,
  CASE_ACTION_INFO,
  LETTER_KIND_INFO,
} from './letters.model.js';
import { OUTCOME_CODES, OUTCOMES } from './requests.model.js';

function expectComplete(g: Guidance): void {
  expect(g.title).not.toBe('');
  expect(g.articles.length).toBeGreaterThan(0);
  for (const a of g.articles) {
    expect(a.cite).toMatch(/^(条例第.+条|国办函〔2020〕109号)/);
    expect(a.summary).not.toBe('');
  }
  expect(g.appliesWhen.length).toBeGreaterThan(0);
  expect(g.letterMustSay.length).toBeGreaterThan(0);
  expect(g.commonMistakes.length).toBeGreaterThan(0);
}

describe('guidance', () => {
  it.each(OUTCOME_CODES)('outcome %s has articles, a checklist and its table 三 row', (outcome) => {
    const g = outcomeGuidance(outcome);
    expectComplete(g);
    expect(g.reportRow).toBe(OUTCOMES[outcome].row);
    expect(g.letters.length).toBeGreaterThan(0);
    expect(g.letters.every((k) => LETTER_KIND_INFO[k].outcome === outcome)).toBe(true);
    expect(g.letterMustSay.some((s) => s.includes('救济途径'))).toBe(true);
    expect(guidanceFor(outcome)).toBe(g);
  });

  it.each(CASE_ACTIONS)('action %s has articles, a checklist and common mistakes', (action) => {
    const g = actionGuidance(action);
    expectComplete(g);
    const letter = CASE_ACTION_INFO[action].letter;
    if (letter !== null) expect(g.letters).toContain(letter);
    expect(guidanceFor(action)).toBe(g);
  });

  it('covers every action letter through some action', () => {
    const covered = new Set(CASE_ACTIONS.flatMap((a) => actionGuidance(a).letters));
    expect(ACTION_LETTER_KINDS.filter((k) => !covered.has(k))).toEqual([]);
  });

  it.each([
    ['partial', '只计“部分公开”'],
    ['request_correction', '补正只能告知一次'],
    ['request_correction', '7个工作日'],
    ['extend', '政府信息公开工作机构负责人同意'],
    ['extend', '累计超过20个工作日'],
  ] as const)('warns about the known mistake of %s: %s', (key, text) => {
    expect(guidanceFor(key).commonMistakes.join('\n')).toContain(text);
  });

  it('marks a quote verified or not, and leaves unquoted articles unmarked', () => {
    for (const a of Object.values(ART)) {
      if (a.quote === null) expect(a.verified).toBeNull();
      else expect(typeof a.verified).toBe('boolean');
    }
    expect(ART.feePay.verified).toBe(false);
    expect(ART.a37.verified).toBe(true);
  });
});
