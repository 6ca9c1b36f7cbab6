import type { IndexedFields } from './search.model.js';

/**
 * An item's tokens in the form its index stores them (issue 6), made where the tokens are made:
 * in the segmentation worker of a bulk rebuild (segment.worker.ts), or in the publishing
 * thread. A worker then hands back a few strings per item instead of one string per token —
 * cloning a thousand small strings per item between threads, and collecting them again, was
 * most of the main thread's work in a PostgreSQL rebuild. Pure and free of I/O.
 */

/** Which index an encoding is for (the dialect of the database). */
export type IndexKind = 'fts5' | 'tsvector';

/**
 * SQLite FTS5: each field's tokens joined by spaces (the unicode61 tokenizer splits them there
 * only, every token being letters and digits). PostgreSQL: the tsvector literal of all fields
 * (`tsv`) and of the head alone (`head`: title, 文号, 索引号).
 */
export type IndexTokens =
  | {
      kind: 'fts5';
      title: string;
      numbers: string;
      summary: string;
      body: string;
      attachments: string;
    }
  | { kind: 'tsvector'; tsv: string; head: string };

/** Largest position PostgreSQL stores, and most positions kept per lexeme. */
const MAX_POS = 16383;
const MAX_POSITIONS_PER_LEXEME = 255;

/** A token as a tsvector lexeme (quoted; tokens are letters and digits, so rarely escaped). */
export function lexeme(token: string): string {
  if (!token.includes("'") && !token.includes('\\')) return `'${token}'`;
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The tsvector literal of an item's fields, with positions and weights (title and numbers A,
 * summary B, body C, attachments D), so that PostgreSQL's parser never re-splits a token.
 */
export function tsvectorLiteral(f: IndexedFields): string {
  // Per lexeme: its positions so far as text, and how many (a hot loop of the bulk build).
  const positions = new Map<string, { text: string; n: number }>();
  let pos = 0;
  const add = (tokens: string[], weight: 'A' | 'B' | 'C' | 'D') => {
    for (const t of tokens) {
      if (pos < MAX_POS) pos++;
      const e = positions.get(t);
      if (!e) positions.set(t, { text: `${pos}${weight}`, n: 1 });
      else if (e.n < MAX_POSITIONS_PER_LEXEME) {
        e.text += `,${pos}${weight}`;
        e.n++;
      }
    }
  };
  add(f.title, 'A');
  add(f.numbers, 'A');
  add(f.summary, 'B');
  add(f.body, 'C');
  add(f.attachments, 'D');
  const parts: string[] = [];
  for (const [t, e] of positions) parts.push(`${lexeme(t)}:${e.text}`);
  return parts.join(' ');
}

/** The tsvector literal of the head (title, 文号, 索引号): what ranks the matches cheaply. */
export function headLiteral(f: IndexedFields): string {
  return tsvectorLiteral({
    title: f.title,
    numbers: f.numbers,
    summary: [],
    body: [],
    attachments: [],
  });
}

/** An item's tokens encoded for the index of `kind`. */
export function encodeFields(kind: IndexKind, f: IndexedFields): IndexTokens {
  if (kind === 'tsvector') return { kind, tsv: tsvectorLiteral(f), head: headLiteral(f) };
  return {
    kind,
    title: f.title.join(' '),
    numbers: f.numbers.join(' '),
    summary: f.summary.join(' '),
    body: f.body.join(' '),
    attachments: f.attachments.join(' '),
  };
}

/**
 * An entry's tokens for the index of `kind` (null: out of the index). Tokens encoded for the
 * other index are a programming error, never written as an empty entry.
 */
export function tokensFor<K extends IndexKind>(
  kind: K,
  t: IndexTokens | null,
): Extract<IndexTokens, { kind: K }> | null {
  if (t === null) return null;
  if (t.kind !== kind) throw new Error(`search tokens encoded for ${t.kind}, written to ${kind}`);
  return t as Extract<IndexTokens, { kind: K }>;
}
