// `npm run bench [-- NAME...]`: runs the named benchmarks (all when none is named) and prints
// their figures; each benchmark writes its section of BENCHMARKS.md. Benchmarks never run as
// unit tests. Each script measures Gongkai beside the named baseline in the same run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCHMARKS = {
  search: {
    script: 'scripts/bench-search.mjs',
    about: 'search service vs the bare index query on 100,000 generated items (issue 6)',
  },
  links: {
    script: 'scripts/bench-links.mjs',
    about: 'link checker vs linkinator on a generated 5,000-page local site (issue 7)',
  },
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(BENCHMARKS);
let failed = 0;
for (const name of names) {
  const b = BENCHMARKS[name];
  if (!b) {
    console.error(`unknown benchmark: ${name} (available: ${Object.keys(BENCHMARKS).join(', ')})`);
    failed++;
    continue;
  }
  if (!fs.existsSync(path.join(root, b.script))) {
    console.error(`${name}: ${b.script} is missing`);
    failed++;
    continue;
  }
  console.log(`== ${name}: ${b.about}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', b.script], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
