import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  feePerApplication,
  feePerPage,
  monthTotalPerApplication,
  perPageBreakdown,
} from './fees.model.js';

describe('按件计收, 国办函〔2020〕109号 第四条 (REGULATIONS.md §5.3 examples)', () => {
  it.each([
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [50, 300],
    [51, 400],
  ])('the %ith application in a month costs %i yuan', (n, fee) => {
    expect(feePerApplication(n)).toBe(fee);
  });

  it.each([
    [0, 0],
    [10, 0],
    [30, 2000],
    [35, 3000],
    [45, 5500],
  ])('%i applications in one month cost %i yuan in total', (count, total) => {
    expect(monthTotalPerApplication(count)).toBe(total);
  });

  it.each([0, -1, 1.5, Number.NaN, 10_000_001])('refuses %s as an application number', (n) => {
    expect(() => feePerApplication(n)).toThrow(RangeError);
  });
});

describe('按量计收, 国办函〔2020〕109号 第五条 (REGULATIONS.md §5.3 examples)', () => {
  it.each([
    [0, 0],
    [30, 0],
    [31, 10],
    [100, 700],
    [150, 1700],
    [200, 2700],
    [250, 4700],
  ])('%i pages cost %i yuan', (pages, fee) => {
    expect(feePerPage(pages)).toBe(fee);
  });

  it('breaks 250 pages into 70×10 + 100×20 + 50×40', () => {
    expect(perPageBreakdown(250)).toEqual([
      { pages: 70, rate: 10, yuan: 700 },
      { pages: 100, rate: 20, yuan: 2000 },
      { pages: 50, rate: 40, yuan: 2000 },
    ]);
  });

  it.each([-1, 2.5, Number.POSITIVE_INFINITY])('refuses %s pages', (p) => {
    expect(() => feePerPage(p)).toThrow(RangeError);
  });
});

describe('超额累进 properties (国办函〔2020〕109号 第三条)', () => {
  it('charges a later application of the month at least as much as an earlier one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 500 }), (n, k) => {
        expect(feePerApplication(n + k)).toBeGreaterThanOrEqual(feePerApplication(n));
      }),
    );
  });

  it('makes the month total the sum of the per-application fees', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), (count) => {
        let sum = 0;
        for (let n = 1; n <= count; n++) sum += feePerApplication(n);
        expect(monthTotalPerApplication(count)).toBe(sum);
      }),
    );
  });

  it('never charges less for more pages, and adds the marginal page rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (p) => {
        const step = feePerPage(p + 1) - feePerPage(p);
        expect(step).toBeGreaterThanOrEqual(0);
        expect(step).toBe(p < 30 ? 0 : p < 100 ? 10 : p < 200 ? 20 : 40);
      }),
    );
  });
});
