/**
 * Item versions: the snapshot kept for every saved change and the field-by-field comparison of
 * two versions (body compared line by line). Pure.
 */

/** The fields kept in a version snapshot, with their labels, in display order. */
export const SNAPSHOT_FIELDS: ReadonlyArray<[string, string]> = [
  ['title', '标题'],
  ['summary', '内容概述'],
  ['column', '栏目'],
  ['doc_number', '文号'],
  ['formed_on', '成文日期'],
  ['published_on', '发布日期'],
  ['topic', '主题分类'],
  ['genre', '体裁'],
  ['keywords', '主题词'],
  ['doc_type', '文件类型'],
  ['validity', '有效性'],
  ['abolished_on', '废止日期'],
  ['disclosure_mode', '公开方式'],
  ['attribute', '公开属性'],
  ['attribute_reason', '公开属性依据'],
  ['channels', '发布渠道'],
  ['interprets_ref', '解读的政策'],
  ['attachments', '附件'],
  ['body_html', '正文'],
];

export type Snapshot = Record<string, string | null>;

/** One changed field between two versions. */
export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** Fields that differ between two snapshots, in display order. */
export function diffSnapshots(a: Snapshot, b: Snapshot): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, label] of SNAPSHOT_FIELDS) {
    const before = a[field] ?? null;
    const after = b[field] ?? null;
    if (before !== after) out.push({ field, label, before, after });
  }
  return out;
}

/** A line of a line diff: kept, removed (only in a) or added (only in b). */
export interface DiffLine {
  op: 'same' | 'del' | 'add';
  text: string;
}

/** Splits HTML into comparable lines: one per block element, tags kept. */
export function bodyLines(html: string | null): string[] {
  if (!html) return [];
  return html
    .replace(/(<\/(p|h[1-6]|li|tr|table|ul|ol)>)/gi, '$1\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Longest-common-subsequence line diff of two texts (small documents: O(n·m)). */
export function lineDiff(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] =
        a[i] === b[j]
          ? (lcs[i + 1]?.[j + 1] ?? 0) + 1
          : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i] as string });
      i++;
      j++;
    } else if ((lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)) {
      out.push({ op: 'del', text: a[i++] as string });
    } else {
      out.push({ op: 'add', text: b[j++] as string });
    }
  }
  while (i < n) out.push({ op: 'del', text: a[i++] as string });
  while (j < m) out.push({ op: 'add', text: b[j++] as string });
  return out;
}
