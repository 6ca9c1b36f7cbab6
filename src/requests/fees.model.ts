/**
 * 信息处理费 (国办函〔2020〕109号, REGULATIONS.md §5). Both schedules are "超额累进" (第三条):
 * each band's rate applies only to the part inside the band. An application is charged by one
 * basis only, never both (第三条). Amounts are whole yuan.
 */

/** Largest count or page number the functions accept (well beyond any real case). */
export const FEE_INPUT_MAX = 1_000_000;

function assertCount(value: number, min: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < min || value > FEE_INPUT_MAX) {
    throw new RangeError(`${what}应为${min}至${FEE_INPUT_MAX}之间的整数：${value}`);
  }
}

/**
 * 按件计收 (第四条; REGULATIONS.md §5.2–5.3): the fee for the n-th application (n ≥ 1) of one
 * applicant to one org in one natural month — 0 for n ≤ 10, 100 for 11–30, and for n ≥ 31
 * "以10件为一档，每增加一档，收费标准提高100元/件": 100 × (1 + ⌈(n − 30) / 10⌉).
 */
export function feePerApplication(n: number): number {
  assertCount(n, 1, '申请件数');
  if (n <= 10) return 0;
  if (n <= 30) return 100;
  return 100 * (1 + Math.ceil((n - 30) / 10));
}

/**
 * The total 按件 fee of `count` applications in one month (the sum of feePerApplication(1..count)),
 * computed band by band.
 */
export function monthTotalPerApplication(count: number): number {
  if (count === 0) return 0;
  assertCount(count, 1, '申请件数');
  let total = 100 * Math.max(0, Math.min(count, 30) - 10);
  for (let band = 1; 30 + 10 * (band - 1) < count; band++) {
    const inBand = Math.min(count, 30 + 10 * band) - (30 + 10 * (band - 1));
    total += inBand * 100 * (1 + band);
  }
  return total;
}

/** A band of the 按量 schedule: pages from..to (inclusive) at `rate` yuan per page. */
export interface PageBand {
  from: number;
  to: number | null;
  rate: number;
}

/** 按量计收 schedule (第五条, REGULATIONS.md §5.2 [S]). */
export const PAGE_BANDS: readonly PageBand[] = [
  { from: 1, to: 30, rate: 0 },
  { from: 31, to: 100, rate: 10 },
  { from: 101, to: 200, rate: 20 },
  { from: 201, to: null, rate: 40 },
];

/** The pages charged in each band, e.g. 150 pages → 70×10 + 50×20. */
export function perPageBreakdown(
  pages: number,
): Array<{ pages: number; rate: number; yuan: number }> {
  assertCount(pages, 0, '页数');
  const out: Array<{ pages: number; rate: number; yuan: number }> = [];
  for (const b of PAGE_BANDS) {
    const upper = b.to === null ? pages : Math.min(pages, b.to);
    const inBand = upper - b.from + 1;
    if (inBand > 0 && b.rate > 0) out.push({ pages: inBand, rate: b.rate, yuan: inBand * b.rate });
  }
  return out;
}

/**
 * 按量计收 for one application of `pages` pages (第五条): the first 30 pages free, pages 31–100 at
 * 10 yuan, 101–200 at 20 yuan, beyond 200 at 40 yuan each.
 */
export function feePerPage(pages: number): number {
  return perPageBreakdown(pages).reduce((sum, b) => sum + b.yuan, 0);
}
