/**
 * Chinese segmentation for search (issue 6): jieba words for quality plus CJK bigrams so that
 * every substring of two or more Chinese characters matches; Latin words and numbers are kept
 * whole. Pure functions over a `Segmenter`; the jieba instance lives in search.vocabulary.ts.
 */

/** Cuts a text into words (jieba in production, a stub in unit tests). */
export interface Segmenter {
  cut(text: string): string[];
}

/** Longest token kept; longer Latin runs (hashes, URLs) are cut to this length. */
const MAX_TOKEN = 64;

const HAN = /\p{Script=Han}/u;
const RUN = /[\p{L}\p{N}]+/gu;
const SPLIT_HAN = /\p{Script=Han}+|[^\p{Script=Han}]+/gu;
// C0/C1 controls, zero-width characters, bidi controls and other format characters.
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/**
 * NFKC (full-width letters and digits become half-width), lower case, control and format
 * characters replaced by spaces. Used for indexing, queries and highlighting alike.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').replace(CONTROL, ' ').toLowerCase();
}

const OPEN_BRACKETS = /[[【〔(（［〈《{｛〖]/gu;
const CLOSE_BRACKETS = /[\]】〕)）］〉》}｝〗]/gu;

/**
 * The comparison key of a 文号 or 索引号: 〔〕 [] 【】 () （） full- and half-width all become
 * 〔〕, spaces disappear, letters are lower case. `温高管[2022]1号` and `温高管（2022）1号` share a key.
 */
export function numberKey(text: string): string {
  return normalizeText(text)
    .replace(OPEN_BRACKETS, '〔')
    .replace(CLOSE_BRACKETS, '〕')
    .replace(/[\s\p{Z}]+/gu, '');
}

/** A run of letters and digits split into Han and non-Han pieces, in text order. */
export interface Run {
  text: string;
  han: boolean;
}

/** The Han and non-Han runs of an already normalised text. */
export function runsOf(normalized: string): Run[] {
  const out: Run[] = [];
  for (const m of normalized.matchAll(RUN)) {
    for (const piece of m[0].matchAll(SPLIT_HAN)) {
      const text = piece[0];
      out.push({ text, han: HAN.test(text) });
    }
  }
  return out;
}

/** The overlapping two-character pieces of a Han run (none for a single character). */
export function bigrams(run: string): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

function isHanWord(word: string): boolean {
  return word.length > 0 && [...word].every((c) => HAN.test(c));
}

/**
 * Index tokens of one field: every bigram of every Han run, jieba words of three or more
 * characters (two-character words are bigrams already), and each Latin word or number whole.
 * Tokens contain only letters and digits, so the index tokenizers never split them further.
 */
export function indexTokens(seg: Segmenter, text: string | null | undefined): string[] {
  if (!text) return [];
  const normalized = normalizeText(text);
  const out: string[] = [];
  for (const run of runsOf(normalized)) {
    if (run.han) out.push(...bigrams(run.text));
    else out.push(run.text.slice(0, MAX_TOKEN));
  }
  if (HAN.test(normalized)) {
    for (const word of seg.cut(normalized)) {
      if ([...word].length >= 3 && isHanWord(word)) out.push(word);
    }
  }
  return out;
}

/**
 * A query as a conjunction of groups; a group matches when any of its alternatives does, an
 * alternative when all its tokens do. `["公积金"] | ["公积","积金"]` finds the word or its
 * bigrams, so a different segmentation of the document never loses it.
 */
export interface QueryPlan {
  groups: string[][][];
  /** Words to highlight in titles and snippets. */
  highlight: string[];
  /** 文号/索引号 key of the whole query, for the exact-match-first rule. */
  key: string;
  /** Single characters ignored because they cannot be searched alone. */
  dropped: string[];
}

/** Most groups a query may have; further words are ignored (the length limit comes first). */
export const MAX_GROUPS = 24;

function hanGroups(seg: Segmenter, run: string): string[][][] {
  const words = seg.cut(run).filter((w) => w.length > 0);
  const groups: string[][][] = [];
  let i = 0;
  while (i < words.length) {
    const word = words[i] ?? '';
    const len = [...word].length;
    if (len >= 3) groups.push([[word], bigrams(word)]);
    else if (len === 2) groups.push([[word]]);
    else {
      // Single characters: a sequence of them is searched by its bigrams; a lone one is joined
      // with the neighbouring character, so that every two-character substring still matches.
      let j = i;
      let seq = '';
      while (j < words.length && [...(words[j] ?? '')].length === 1) seq += words[j++];
      if ([...seq].length >= 2) {
        for (const b of bigrams(seq)) groups.push([[b]]);
      } else {
        const next = words[j];
        const prev = words[i - 1];
        const pair = next
          ? `${seq}${[...next][0] ?? ''}`
          : prev
            ? `${[...prev].at(-1) ?? ''}${seq}`
            : '';
        if ([...pair].length === 2) groups.push([[pair]]);
      }
      i = j;
      continue;
    }
    i++;
  }
  return groups;
}

/** Turns a user query into a plan; the user's own syntax is never passed to the index. */
export function planQuery(seg: Segmenter, query: string): QueryPlan {
  const normalized = normalizeText(query);
  const groups: string[][][] = [];
  const highlight: string[] = [];
  const dropped: string[] = [];
  for (const run of runsOf(normalized)) {
    if (run.han) {
      if ([...run.text].length < 2) {
        dropped.push(run.text);
        continue;
      }
      highlight.push(run.text);
      groups.push(...hanGroups(seg, run.text));
    } else {
      const token = run.text.slice(0, MAX_TOKEN);
      highlight.push(token);
      groups.push([[token]]);
    }
  }
  const seen = new Set<string>();
  const unique = groups.filter((g) => {
    const k = JSON.stringify(g);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  // A query of a single Latin letter or digit is as unsearchable as a single Han character.
  const tooShort = unique.length === 1 && [...(unique[0]?.[0]?.[0] ?? '')].length < 2;
  return {
    groups: tooShort ? [] : unique.slice(0, MAX_GROUPS),
    highlight: tooShort ? [] : highlight,
    key: numberKey(query),
    dropped,
  };
}
