/**
 * Types and small pure helpers shared by the content-check detectors (REGULATIONS.md §7.4–§7.6).
 * A finding points into the original text with UTF-16 offsets; detectors never do I/O.
 */

/** What kind of problem a finding is. */
export type Category = 'personal_data' | 'secrecy' | 'expression' | 'typo';

/** How sure the detector is and how serious the problem is (§7.5 confidence rules). */
export type Severity = 'high' | 'medium' | 'low';

/** One problem found in a text: `text` is `source.slice(start, end)`. */
export interface Finding {
  category: Category;
  /** Stable rule id: `id_card`, `mobile`, `secrecy_marker`, `expression.<id>`, `typo.repeat`… */
  rule: string;
  start: number;
  end: number;
  text: string;
  /** About 20 characters either side of the match, for reviewers. */
  context: string;
  severity: Severity;
  /** What to do about it, in Chinese. */
  suggestion: string;
}

/** One entry of a leaders list kept by an administrator (§7.4: 领导人姓名和职务). */
export interface LeaderEntry {
  name: string;
  /** Current titles, e.g. ["市委副书记", "市长"]. */
  titles: string[];
  /** Known wrong spellings of the name, flagged wherever they occur. */
  wrongNames?: string[];
}

/**
 * False-positive marks turned into an allow-list (§7.4 "忽略 joins the allow-list"; §7.5 the
 * organisation's own published numbers). An entry without `rule` matches any rule.
 */
export interface FindingsWhitelist {
  entries: ReadonlyArray<{ text: string; rule?: string }>;
}

/** Options shared by all detectors; everything is optional except `today`. */
export interface CheckOptions {
  /** China calendar date `YYYY-MM-DD`, the upper bound of plausible birth dates. */
  today: string;
  whitelist?: FindingsWhitelist;
  /** Internal-circulation markers (§7.6); defaults to DEFAULT_INTERNAL_MARKERS. */
  internalMarkers?: readonly string[];
  /** Administrator-kept leaders list; the leader detector is silent without one. */
  leaders?: readonly LeaderEntry[];
  /** Characters either side of a number searched for a keyword (§7.5: about 300). */
  keywordWindow?: number;
}

/** A detector: pure function of the text and the options. */
export type Detector = (text: string, options: CheckOptions) => Finding[];

const CONTEXT_CHARS = 20;

/** The reviewer context of a span: ~20 characters either side, line breaks flattened. */
export function contextOf(text: string, start: number, end: number): string {
  const from = Math.max(0, start - CONTEXT_CHARS);
  const to = Math.min(text.length, end + CONTEXT_CHARS);
  return text.slice(from, to).replace(/\s+/g, ' ');
}

/** Builds a finding from a span of `text`, filling in `text` and `context`. */
export function makeFinding(
  source: string,
  start: number,
  end: number,
  fields: Pick<Finding, 'category' | 'rule' | 'severity' | 'suggestion'>,
): Finding {
  return {
    ...fields,
    start,
    end,
    text: source.slice(start, end),
    context: contextOf(source, start, end),
  };
}

/**
 * Full-width ASCII (U+FF01–FF5E) to half-width and the ideographic space to a space. Each
 * UTF-16 unit maps to exactly one, so offsets into the result are offsets into the original.
 */
export function normaliseWidth(text: string): string {
  // Every detector normalises the same text in turn: remember the last one.
  if (text === lastInput) return lastOutput;
  lastOutput = text.replace(/[\uff01-\uff5e\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
  lastInput = text;
  return lastOutput;
}
let lastInput = '';
let lastOutput = '';

/** The form in which whitelist entries and findings are compared: half-width, no separators. */
export function whitelistKey(text: string): string {
  return normaliseWidth(text).replace(/[\s-]/g, '').toUpperCase();
}

/** True when a staff false-positive mark covers this finding. */
export function isWhitelisted(finding: Finding, whitelist: FindingsWhitelist | undefined): boolean {
  if (!whitelist) return false;
  const key = whitelistKey(finding.text);
  return whitelist.entries.some(
    (e) => whitelistKey(e.text) === key && (!e.rule || e.rule === finding.rule),
  );
}

/** A staff member's "误报" mark on a finding (the database record comes later, issue 7). */
export interface FalsePositiveMark {
  rule: string;
  text: string;
  /** When true the text is allowed under every rule, not just this one. */
  anyRule?: boolean;
}

/** Turns false-positive marks into a whitelist, dropping duplicates. */
export function whitelistFromMarks(marks: readonly FalsePositiveMark[]): FindingsWhitelist {
  const seen = new Set<string>();
  const entries: Array<{ text: string; rule?: string }> = [];
  for (const m of marks) {
    const entry = m.anyRule ? { text: m.text } : { text: m.text, rule: m.rule };
    const id = `${entry.rule ?? '*'}\u0000${whitelistKey(m.text)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    entries.push(entry);
  }
  return { entries };
}
