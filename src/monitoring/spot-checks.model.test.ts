import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHECKLIST,
  allocate,
  itemPasses,
  passRates,
  prng,
  stratifiedSample,
  type Candidate,
} from './spot-checks.model.js';

const items = (spec: Record<string, number>): Candidate[] => {
  let id = 1;
  return Object.entries(spec).flatMap(([col, n]) =>
    Array.from({ length: n }, () => ({ id: id++, columnId: col === 'none' ? null : Number(col) })),
  );
};

describe('抽查 sample: proportional allocation by column', () => {
  it.each([
    ['proportional with one each first', { a: 50, b: 30, c: 20 }, 10, { a: 5, b: 3, c: 2 }],
    ['a small column still gets one', { a: 97, b: 2, c: 1 }, 10, { a: 8, b: 1, c: 1 }],
    [
      'N below the number of columns: largest columns first',
      { a: 5, b: 9, c: 1 },
      2,
      { a: 1, b: 1, c: 0 },
    ],
    ['N above the total takes everything', { a: 2, b: 1 }, 10, { a: 2, b: 1 }],
    ['empty columns get nothing', { a: 0, b: 4 }, 2, { b: 2 }],
    ['N = 0', { a: 3 }, 0, { a: 0 }],
  ] as Array<[string, Record<string, number>, number, Record<string, number>]>)(
    '%s',
    (_, sizes, n, expected) => {
      expect(Object.fromEntries(allocate(new Map(Object.entries(sizes)), n))).toEqual(expected);
    },
  );

  it('always allocates min(N, total), never more than a column holds, one per column while N allows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 200 }),
        (sizes, n) => {
          const m = new Map(sizes.map((s, i) => [`c${i}`, s]));
          const out = allocate(m, n);
          const total = sizes.reduce((s, x) => s + x, 0);
          const sum = [...out.values()].reduce((s, x) => s + x, 0);
          expect(sum).toBe(Math.min(n, total));
          for (const [k, v] of out) expect(v).toBeLessThanOrEqual(m.get(k) ?? 0);
          const nonEmpty = sizes.filter((s) => s > 0).length;
          if (n >= nonEmpty)
            for (const [k, v] of out) if ((m.get(k) ?? 0) > 0) expect(v).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('抽查 sample: seeded and reproducible', () => {
  const pool = items({ '1': 40, '2': 25, '3': 5, none: 3 });

  it('the same seed gives the same sample; another seed another one', () => {
    const a = stratifiedSample(pool, 12, 'seed-2026');
    expect(stratifiedSample([...pool].reverse(), 12, 'seed-2026')).toEqual(a);
    expect(stratifiedSample(pool, 12, 'other')).not.toEqual(a);
    expect(new Set(a.map((c) => c.id)).size).toBe(12);
  });

  it('draws every column including items outside any column', () => {
    const s = stratifiedSample(pool, 12, 'x');
    expect(new Set(s.map((c) => c.columnId))).toEqual(new Set([1, 2, 3, null]));
  });

  it('the PRNG is uniform enough: 10 000 draws spread over 10 buckets within ±15%', () => {
    const r2 = prng('uniform');
    const counts = Array.from({ length: 10 }, () => 0);
    for (let i = 0; i < 10_000; i++) {
      const b = Math.floor(r2() * 10);
      counts[b] = (counts[b] ?? 0) + 1;
    }
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });
});

describe('抽查 checklist and summary', () => {
  it('an item passes only when every point passes', () => {
    const all = Object.fromEntries(CHECKLIST.map((c) => [c.key, true])) as Parameters<
      typeof itemPasses
    >[0];
    expect(itemPasses(all)).toBe(true);
    expect(itemPasses({ ...all, typos: false })).toBe(false);
  });

  it('pass rate by column counts checked items only', () => {
    expect(
      passRates([
        { columnId: 1, result: 'pass' },
        { columnId: 1, result: 'fail' },
        { columnId: 1, result: null },
        { columnId: 2, result: 'pass' },
      ]),
    ).toEqual([
      { columnId: 1, checked: 2, passed: 1, rate: 50 },
      { columnId: 2, checked: 1, passed: 1, rate: 100 },
    ]);
  });
});
