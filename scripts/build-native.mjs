// Builds native/gk_rank.c, the SQLite search index's ranking function (docs/search.md), into
// native/build/ with the machine's C compiler, against the SQLite headers that better-sqlite3
// ships. Run by `npm install` / `npm ci` (postinstall). Without a compiler the platform works
// the same, with FTS5's own bm25() (slower searches on a large SQLite index): this prints why
// and exits 0.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'native', 'gk_rank.c');
const outDir = path.join(root, 'native', 'build');
const suffix =
  process.platform === 'darwin' ? 'dylib' : process.platform === 'win32' ? 'dll' : 'so';
const out = path.join(outDir, `gk_rank.${suffix}`);
const headers = path.join(root, 'node_modules', 'better-sqlite3', 'deps', 'sqlite3');

function skip(why) {
  console.warn(`[gk_rank] not built (${why}); SQLite search ranks with bm25(), more slowly`);
  process.exit(0);
}

if (process.platform === 'win32') skip('Windows: no build script');
if (!fs.existsSync(path.join(headers, 'sqlite3ext.h'))) skip(`no SQLite headers in ${headers}`);
fs.mkdirSync(outDir, { recursive: true });
const cc = process.env.CC || 'cc';
const args = [
  '-O2',
  '-fPIC',
  process.platform === 'darwin' ? '-dynamiclib' : '-shared',
  `-I${headers}`,
  src,
  '-o',
  out,
  '-lm',
];
const r = spawnSync(cc, args, { stdio: 'inherit' });
if (r.error) skip(`${cc}: ${r.error.message}`);
if (r.status !== 0) skip(`${cc} exited with ${r.status}`);
console.log(`[gk_rank] built ${path.relative(root, out)}`);
