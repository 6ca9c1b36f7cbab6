import type { MonitorKind } from './monitor.contract.js';

/**
 * 抽查 (spot checks, 国办秘函〔2019〕19号 "每半年…抽查"; REGULATIONS.md §7.1): a reproducible
 * random sample of an org's published items, stratified by column, and the checklist each
 * sampled item is reviewed against. Pure: the seed makes the sample repeatable.
 */

/** The checklist of one sampled item; a failed point can raise a finding of `kind`. */
export const CHECKLIST = [
  { key: 'title', label: '标题规范', hint: '标题准确、完整，无多余符号', kind: 'content_typo' },
  {
    key: 'metadata',
    label: '元数据完整',
    hint: '索引号、发布机构、成文日期、文号等要素齐全',
    kind: 'content_typo',
  },
  { key: 'attachments', label: '附件可用', hint: '附件能正常打开、下载', kind: 'broken_link' },
  { key: 'typos', label: '无错别字', hint: '正文无错别字和严重表述错误', kind: 'content_typo' },
  {
    key: 'privacy',
    label: '无个人信息',
    hint: '未泄露身份证号、手机号等个人信息',
    kind: 'content_personal_data',
  },
  {
    key: 'timely',
    label: '发布及时',
    hint: '自成文之日起 20 个工作日内公开（条例第二十六条）',
    kind: 'late_publication',
  },
] as const satisfies ReadonlyArray<{ key: string; label: string; hint: string; kind: MonitorKind }>;

export type ChecklistKey = (typeof CHECKLIST)[number]['key'];
export const CHECKLIST_KEYS = CHECKLIST.map((c) => c.key) as ChecklistKey[];

/** Recorded result of one item: pass/fail per point; the item passes when every point passes. */
export type ChecklistResult = Record<ChecklistKey, boolean>;

/** Whether an item passes: every checklist point passed. */
export function itemPasses(r: ChecklistResult): boolean {
  return CHECKLIST_KEYS.every((k) => r[k]);
}

/** A 32-bit hash of the seed text (FNV-1a), the PRNG's starting state. */
export function seedHash(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: a small, fast, well-distributed PRNG; returns numbers in [0, 1). */
export function prng(seed: string): () => number {
  let a = seedHash(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How many items to take from each column: proportional to its size (largest remainder), at least
 * one from every non-empty column while N allows (when N is smaller than the number of columns,
 * the larger columns get one each, ties by key), never more than a column holds.
 */
export function allocate(sizes: ReadonlyMap<string, number>, n: number): Map<string, number> {
  const strata = [...sizes].filter(([, s]) => s > 0).sort(([a], [b]) => a.localeCompare(b));
  const total = strata.reduce((s, [, k]) => s + k, 0);
  const take = Math.min(Math.max(0, Math.floor(n)), total);
  const out = new Map(strata.map(([k]) => [k, 0]));
  if (take === 0) return out;
  if (take <= strata.length) {
    const bySize = [...strata].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [k] of bySize.slice(0, take)) out.set(k, 1);
    return out;
  }
  // Largest remainder on the full sizes, then one for every column still at zero, taken from
  // the column furthest above its exact share.
  const exact = new Map(strata.map(([k, s]) => [k, (take * s) / total]));
  for (const [k] of strata) out.set(k, Math.floor(exact.get(k) ?? 0));
  let rest = take - [...out.values()].reduce((a, b) => a + b, 0);
  const byFraction = [...strata].sort(
    ([a], [b]) => ((exact.get(b) ?? 0) % 1) - ((exact.get(a) ?? 0) % 1) || a.localeCompare(b),
  );
  for (const [k, size] of byFraction) {
    if (rest === 0) break;
    if ((out.get(k) ?? 0) < size) {
      out.set(k, (out.get(k) ?? 0) + 1);
      rest -= 1;
    }
  }
  for (const [k] of strata) {
    if ((out.get(k) ?? 0) > 0) continue;
    const donor = strata
      .filter(([d]) => (out.get(d) ?? 0) > 1)
      .sort(
        ([a], [b]) =>
          (out.get(b) ?? 0) - (exact.get(b) ?? 0) - ((out.get(a) ?? 0) - (exact.get(a) ?? 0)) ||
          a.localeCompare(b),
      )[0];
    if (!donor) break;
    out.set(donor[0], (out.get(donor[0]) ?? 0) - 1);
    out.set(k, 1);
  }
  return out;
}

/** A candidate item: its id and its column (null = not in a column, its own stratum). */
export interface Candidate {
  id: number;
  columnId: number | null;
}

/**
 * The stratified random sample of `n` candidates under `seed`: the same candidates and seed give
 * the same sample, in the same order (by column, then by id).
 */
export function stratifiedSample(
  candidates: readonly Candidate[],
  n: number,
  seed: string,
): Candidate[] {
  const key = (c: Candidate) =>
    c.columnId === null ? 'none' : String(c.columnId).padStart(10, '0');
  const groups = new Map<string, Candidate[]>();
  for (const c of [...candidates].sort((a, b) => a.id - b.id)) {
    const g = groups.get(key(c)) ?? [];
    g.push(c);
    groups.set(key(c), g);
  }
  const counts = allocate(new Map([...groups].map(([k, g]) => [k, g.length])), n);
  const random = prng(seed);
  const out: Candidate[] = [];
  for (const [k, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const pool = [...g];
    const want = counts.get(k) ?? 0;
    // Partial Fisher–Yates: the first `want` positions are a uniform sample.
    for (let i = 0; i < want; i++) {
      const j = i + Math.floor(random() * (pool.length - i));
      const tmp = pool[i] as Candidate;
      pool[i] = pool[j] as Candidate;
      pool[j] = tmp;
    }
    out.push(...pool.slice(0, want).sort((a, b) => a.id - b.id));
  }
  return out;
}

/** Pass rate per column of the checked items (the closing summary). */
export function passRates(
  items: ReadonlyArray<{ columnId: number | null; result: 'pass' | 'fail' | null }>,
): Array<{ columnId: number | null; checked: number; passed: number; rate: number | null }> {
  const by = new Map<number | null, { checked: number; passed: number }>();
  for (const i of items) {
    const r = by.get(i.columnId) ?? { checked: 0, passed: 0 };
    if (i.result) r.checked += 1;
    if (i.result === 'pass') r.passed += 1;
    by.set(i.columnId, r);
  }
  return [...by].map(([columnId, r]) => ({
    columnId,
    ...r,
    rate: r.checked ? Math.round((1000 * r.passed) / r.checked) / 10 : null,
  }));
}
