import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkText } from './engine.js';
import type { Category, Finding } from './findings.model.js';

const CATEGORIES: Category[] = ['personal_data', 'secrecy', 'expression', 'typo'];
const Line = z.object({
  text: z.string(),
  expect: z.array(
    z.object({
      category: z.enum(['personal_data', 'secrecy', 'expression', 'typo']),
      rule: z.string(),
      text: z.string(),
    }),
  ),
});
const corpus = readFileSync(new URL('./corpus/sentences.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => Line.parse(JSON.parse(l)));

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

/** Scores every sentence: a finding counts when category and rule agree and the spans overlap. */
function score(): { tallies: Record<Category, Tally>; misses: string[] } {
  const tallies = Object.fromEntries(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Record<
    Category,
    Tally
  >;
  const misses: string[] = [];
  for (const { text, expect: expected } of corpus) {
    const findings = checkText(text, { today: '2026-01-01' });
    const used = new Set<Finding>();
    for (const e of expected) {
      const start = text.indexOf(e.text);
      const end = start + e.text.length;
      const hit = findings.find(
        (f) =>
          !used.has(f) &&
          f.category === e.category &&
          f.rule === e.rule &&
          f.start < end &&
          start < f.end,
      );
      if (hit) {
        used.add(hit);
        tallies[e.category].tp++;
      } else {
        tallies[e.category].fn++;
        misses.push(`漏报 ${e.rule} 「${e.text}」 in ${text}`);
      }
    }
    for (const f of findings.filter((x) => !used.has(x))) {
      tallies[f.category].fp++;
      misses.push(`误报 ${f.rule} 「${f.text}」 in ${text}`);
    }
  }
  return { tallies, misses };
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

describe('labelled corpus (src/monitoring/corpus/sentences.jsonl)', () => {
  const { tallies, misses } = score();
  const total = CATEGORIES.reduce(
    (t, c) => ({ tp: t.tp + tallies[c].tp, fp: t.fp + tallies[c].fp, fn: t.fn + tallies[c].fn }),
    { tp: 0, fp: 0, fn: 0 },
  );
  const rows = [
    ...CATEGORIES.map((c) => [c, tallies[c]] as const),
    ['overall', total] as const,
  ].map(([name, t]) => ({
    category: name,
    tp: t.tp,
    fp: t.fp,
    fn: t.fn,
    precision: ratio(t.tp, t.tp + t.fp).toFixed(3),
    recall: ratio(t.tp, t.tp + t.fn).toFixed(3),
  }));
  console.log(
    `corpus: ${corpus.length} sentences, ${corpus.filter((l) => l.expect.length === 0).length} clean`,
  );
  console.table(rows);
  if (misses.length) console.log(misses.join('\n'));

  it('has at least 300 sentences, at least 150 of them clean', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    expect(corpus.filter((l) => l.expect.length === 0).length).toBeGreaterThanOrEqual(150);
  });

  it('locates every expected text in its sentence', () => {
    for (const line of corpus) for (const e of line.expect) expect(line.text).toContain(e.text);
  });

  it('finds at least 98% of planted personal data and secrecy markers', () => {
    expect(
      ratio(tallies.personal_data.tp, tallies.personal_data.tp + tallies.personal_data.fn),
    ).toBeGreaterThanOrEqual(0.98);
    expect(
      ratio(tallies.secrecy.tp, tallies.secrecy.tp + tallies.secrecy.fn),
    ).toBeGreaterThanOrEqual(0.98);
  });

  it('keeps overall precision at 0.9 or above', () => {
    expect(ratio(total.tp, total.tp + total.fp)).toBeGreaterThanOrEqual(0.9);
  });
});
