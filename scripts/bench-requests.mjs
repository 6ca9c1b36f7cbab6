// 依申请公开 benchmark (issue 4), not a test: `npm run bench -- requests [--scale 0.01] [--db
// sqlite|postgres|both] [--requests 800] [--submissions 1000]`. On the shared bench dataset
// (built on first use, see docs/benchmarks.md), through the real server: the case list and the
// dashboard of the 100,000-application org at 16 connections beside /healthz and the bare SQL of
// the same lists; then 1,000 concurrent public submissions, verified in the database. Prints a
// markdown table and rewrites the `bench:requests` section of BENCHMARKS.md.
import { dbVersions } from '../src/bench/versions.ts';
import { requestsTable, runRequestsBench } from '../src/bench/requests.bench.ts';
import { machine, writeSection } from '../src/bench/stats.ts';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const scale = Number(opt('scale', '1'));
const db = opt('db', 'both');
const requests = Number(opt('requests', '800'));
const submissions = Number(opt('submissions', '1000'));
const log = (l) => console.error(l);
const figs = [];
for (const target of db === 'both' ? ['sqlite', 'postgres'] : [db]) {
  figs.push(await runRequestsBench(target, { scale, requests, submissions, log }));
}
const table = requestsTable(figs);
console.log(table);
const m = figs[0].manifest;
const failures = figs.filter(
  (f) =>
    f.submissions.errors > 0 ||
    f.submissions.newRows !== f.submissions.n ||
    f.list.errors ||
    f.dashboard.errors,
);
const verdict = figs
  .map((f) => {
    const name = f.target === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const ok = (x) => (x <= 50 ? 'met' : 'missed');
    return `${name}: case list p95 ${f.list.p95.toFixed(1)} ms (${ok(f.list.p95)}), dashboard p95 ${f.dashboard.p95.toFixed(1)} ms (${ok(f.dashboard.p95)}); submissions ${f.submissions.errors === 0 && f.submissions.newRows === f.submissions.n ? `${f.submissions.n} stored, zero errors (met)` : 'NOT all stored (missed)'}.`;
  })
  .join(' ');
writeSection(
  'requests',
  `## 依申请公开 (issue 4) — \`npm run bench -- requests\`

Bench dataset at scale ${scale} (${m.counts.applications.toLocaleString('en')} applications, ${m.counts.bigOrgYearApplications.toLocaleString('en')} in \`${m.bigOrg}\` ${m.bigYear}; \`npm run bench:data\`), the real server (\`buildApp\`, own process, 127.0.0.1) and a signed-in case worker of \`${m.bigOrg}\`. Case list: ${'`/admin/orgs/:code/applications`'} with no filter, open, overdue, due within 3 working days, paused, pages 2 and 40, concluded page 3, 受理编号 prefix; dashboard: \`/admin/orgs/:code/requests\`. Baselines in the same run: \`/healthz\` at the same concurrency, and the bare SQL of the same lists (the floor). Then ${submissions} concurrent submissions of \`/{org}/apply\`, each with its own form token, CSRF cookie and client address (X-Forwarded-For, \`TRUST_PROXY=true\` as behind nginx), checked against the row count.
Machine: ${machine(await dbVersions())}. Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.

${table}

Target p95 ≤ 50 ms and 1,000 submissions stored with zero errors. ${verdict}`,
);
process.exit(failures.length ? 1 : 0);
