/**
 * A compiled phrase dictionary: wrong forms → payload, with "except" contexts (longer correct
 * phrases that contain a wrong form, e.g. 农业部门 for 农业部). Shared by the expression,
 * institution, leader-name and confusion detectors (REGULATIONS.md §7.4).
 */
import { AhoCorasick, longestNonOverlapping } from './aho-corasick.js';

/** One wrong form and what it means. */
export interface PhraseEntry<T> {
  wrong: string;
  except?: readonly string[];
  payload: T;
}

/** A match of a dictionary entry in a text. */
export interface PhraseHit<T> {
  start: number;
  end: number;
  payload: T;
}

/** Compiles once; `find` is a single Aho-Corasick pass plus constant-time exception checks. */
export class PhraseDictionary<T> {
  private readonly matcher: AhoCorasick;

  constructor(private readonly entries: ReadonlyArray<PhraseEntry<T>>) {
    this.matcher = new AhoCorasick(entries.map((e) => e.wrong));
  }

  /** Non-overlapping hits (longest first) whose surroundings are not an exception. */
  find(text: string): Array<PhraseHit<T>> {
    const raw = this.matcher.search(text).filter((m) => {
      const entry = this.entries[m.index];
      return entry !== undefined && !insideException(text, m.start, entry);
    });
    return longestNonOverlapping(raw).flatMap((m) => {
      const entry = this.entries[m.index];
      return entry ? [{ start: m.start, end: m.end, payload: entry.payload }] : [];
    });
  }
}

function insideException<T>(text: string, start: number, entry: PhraseEntry<T>): boolean {
  for (const x of entry.except ?? []) {
    let k = x.indexOf(entry.wrong);
    while (k >= 0) {
      if (start - k >= 0 && text.startsWith(x, start - k)) return true;
      k = x.indexOf(entry.wrong, k + 1);
    }
  }
  return false;
}
