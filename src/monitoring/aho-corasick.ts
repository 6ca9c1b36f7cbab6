/**
 * Aho-Corasick multi-pattern matcher (REGULATIONS.md §7.4: dictionary matching by DFA/AC), so
 * that hundreds of dictionary entries cost one pass over the text. Works on UTF-16 units.
 */

/** One occurrence of pattern number `index` at [start, end). */
export interface AcMatch {
  start: number;
  end: number;
  index: number;
}

/** A compiled set of patterns; build once, search many texts. */
export class AhoCorasick {
  private readonly goto: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  /** Pattern indexes ending at each node (own plus those reached through failure links). */
  private readonly out: number[][] = [[]];
  private readonly lengths: number[];

  constructor(patterns: readonly string[]) {
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((p, index) => {
      if (p.length > 0) this.insert(p, index);
    });
    this.link();
  }

  private insert(pattern: string, index: number): void {
    let node = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      const edges = this.goto[node] ?? new Map<number, number>();
      let next = edges.get(c);
      if (next === undefined) {
        next = this.goto.length;
        this.goto.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        edges.set(c, next);
      }
      node = next;
    }
    this.out[node]?.push(index);
  }

  private link(): void {
    const queue: number[] = [];
    for (const child of this.goto[0]?.values() ?? []) queue.push(child);
    for (let qi = 0; qi < queue.length; qi++) {
      const node = queue[qi] ?? 0;
      for (const [c, child] of this.goto[node] ?? new Map<number, number>()) {
        queue.push(child);
        let f = this.fail[node] ?? 0;
        while (f !== 0 && !this.goto[f]?.has(c)) f = this.fail[f] ?? 0;
        const target = this.goto[f]?.get(c);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const inherited = this.out[this.fail[child] ?? 0] ?? [];
        if (inherited.length) this.out[child] = [...(this.out[child] ?? []), ...inherited];
      }
    }
  }

  /** All occurrences, overlapping ones included, in order of their end offset. */
  search(text: string): AcMatch[] {
    const matches: AcMatch[] = [];
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      while (node !== 0 && !this.goto[node]?.has(c)) node = this.fail[node] ?? 0;
      node = this.goto[node]?.get(c) ?? 0;
      const hits = this.out[node];
      if (hits && hits.length) {
        for (const index of hits) {
          const len = this.lengths[index] ?? 0;
          matches.push({ start: i + 1 - len, end: i + 1, index });
        }
      }
    }
    return matches;
  }
}

/**
 * Keeps the longest of overlapping matches (leftmost first), e.g. "副市长" over "市长".
 */
export function longestNonOverlapping(matches: readonly AcMatch[]): AcMatch[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: AcMatch[] = [];
  let lastEnd = -1;
  for (const m of sorted) {
    if (m.start >= lastEnd) {
      kept.push(m);
      lastEnd = m.end;
    }
  }
  return kept;
}
