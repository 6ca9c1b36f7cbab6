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
    about: 'search service vs the bare index query on the shared 1,000,000-item dataset (issue 6)',
  },
  portal: {
    script: 'scripts/bench-portal.mjs',
    about: 'portal pages vs nginx serving the same pages as static files; visibility (issue 3)',
  },
  links: {
    script: 'scripts/bench-links.mjs',
    about: 'link checker vs linkinator on a generated 5,000-page local site (issue 7)',
  },
  requests: {
    script: 'scripts/bench-requests.mjs',
    about: 'case list, dashboard and 1,000 concurrent submissions on the bench dataset (issue 4)',
  },
  reports: {
    script: 'scripts/bench-reports.mjs',
    about: 'annual report figures, DOCX and the supervisor view on the bench dataset (issue 5)',
  },
  mixed: {
    script: 'scripts/bench-mixed.mjs',
    about:
      '200 concurrent clients on a mix of portal, search, submissions and staff pages (issue 8)',
  },
};

// Names come first; everything from the first option on (e.g. `--scale 0.01`) goes to each script.
const argv = process.argv.slice(2);
const firstOption = argv.findIndex((a) => a.startsWith('-'));
const wanted = firstOption < 0 ? argv : argv.slice(0, firstOption);
const passed = firstOption < 0 ? [] : argv.slice(firstOption);
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
  const r = spawnSync(process.execPath, ['--import', 'tsx', b.script, ...passed], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
