// 年度报告 benchmark (issue 5), not a test: `npm run bench -- reports [--scale 0.01] [--db
// sqlite|postgres|both] [--runs 10]`. On the shared bench dataset (built on first use, see
// docs/benchmarks.md): figures + validation and the DOCX of the org-year with 100,000
// applications, and the supervisor's view over the 500 children, through the service functions
// the pages use, each beside a floor measured in the same run. Prints a markdown table and
// rewrites the `bench:reports` section of BENCHMARKS.md.
import { dbVersions } from '../src/bench/versions.ts';
import { reportsRatios, reportsTable, runReportsBench } from '../src/bench/reports.bench.ts';
import { machine, writeSection } from '../src/bench/stats.ts';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const scale = Number(opt('scale', '1'));
const db = opt('db', 'both');
const runs = Number(opt('runs', '10'));
const log = (l) => console.error(l);
const figs = [];
for (const target of db === 'both' ? ['sqlite', 'postgres'] : [db]) {
  figs.push(await runReportsBench(target, { scale, runs, log }));
}
const table = reportsTable(figs);
console.log(table);
const m = figs[0].manifest;
writeSection(
  'reports',
  `## 年度报告 (issue 5) — \`npm run bench -- reports\`

Bench dataset at scale ${scale}: \`${m.bigOrg}\` has ${m.counts.bigOrgYearApplications.toLocaleString('en')} applications received in ${m.bigYear} (with their events and appeals), and \`${m.rootOrg}\` supervises 500 children, whose ${m.bigYear - 1} and ${m.bigYear} reports are generated once through \`generateReport\` before measuring. Measured in one process through the service functions the pages use (plus the supervisor's page over HTTP on the real server), each beside a floor from the same run.
Machine: ${machine(await dbVersions())}. Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.

${table}

${reportsRatios(figs)}`,
);
