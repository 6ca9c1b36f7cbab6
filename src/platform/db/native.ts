import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type SQLite from 'better-sqlite3';

/**
 * Native SQLite extensions built at install time (scripts/build-native.mjs). One today:
 * `gk_rank` (native/gk_rank.c), the search index's `gk_bm25()`, bm25() with each token's
 * document count remembered between statements (docs/search.md). When it was not built (no C
 * compiler: delete native/build to try), the index ranks with FTS5's own bm25(): the same
 * results, more slowly on a large index.
 */

/** native/build/gk_rank (SQLite adds the platform's suffix), from src/… or dist/…. */
const RANK_LIBRARY = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'native',
  'build',
  'gk_rank',
);
const SUFFIX =
  process.platform === 'darwin' ? '.dylib' : process.platform === 'win32' ? '.dll' : '.so';

let rankLoaded = false;

/**
 * Loads the ranking extension into a new connection when it was built. A library that exists
 * but does not load (built for another SQLite, damaged) is an error, not a silent fallback.
 */
export function loadNativeExtensions(sqlite: SQLite.Database): void {
  if (!fs.existsSync(RANK_LIBRARY + SUFFIX)) return;
  sqlite.loadExtension(RANK_LIBRARY + SUFFIX); // entry point sqlite3_gkrank_init, from the name
  rankLoaded = true;
}

/** The FTS5 ranking function the SQLite search index calls: gk_bm25 when loaded, else bm25. */
export function sqliteRankFunction(): 'gk_bm25' | 'bm25' {
  return rankLoaded ? 'gk_bm25' : 'bm25';
}
