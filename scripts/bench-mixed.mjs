// Mixed-load benchmark (issue 8), not a test: `npm run bench -- mixed [--scale 1] [--db
// sqlite|postgres|both] [--clients 200] [--duration 60] [--baseline 10] [--warmup 15] [--idle 10]
// [--staff 8] [--no-write]`. On the shared bench dataset (built on first use, see
// docs/benchmarks.md; the search index is built first when empty, and its build time reported),
// through the real server in its own process: /healthz at the same concurrency (the baseline),
// then --clients closed-loop clients for --duration seconds drawing portal pages, searches, public
// submissions and staff pages from a weighted mix. Prints the figures and rewrites the
// `bench:mixed` section of BENCHMARKS.md (unless --no-write). Exits 0 whatever the figures:
// benchmarks report, they do not fail; only a broken harness exits non-zero.
import { MIX, runMixedBench } from '../src/bench/mixed.bench.ts';
import { LIST_QUERIES } from '../src/bench/requests.bench.ts';
import { machine, ms, revision, writeSection } from '../src/bench/stats.ts';
import { dbVersions } from '../src/bench/versions.ts';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const opts = {
  scale: Number(opt('scale', '1')),
  clients: Number(opt('clients', '200')),
  duration: Number(opt('duration', '60')),
  baseline: Number(opt('baseline', '10')),
  warmup: Number(opt('warmup', '15')),
  idle: Number(opt('idle', '10')),
  staffSessions: Number(opt('staff', '8')),
  log: (l) => console.error(l),
};
const db = opt('db', 'both');
/** After-idle RSS within this factor of the RSS after warm-up counts as stable. */
const RSS_STABLE = 1.2;

const figs = [];
for (const target of db === 'both' ? ['sqlite', 'postgres'] : [db]) {
  figs.push(await runMixedBench(target, opts));
}

const alone = (f, kind) => {
  const a = f.alone.find((x) => x.kind === kind);
  return a ? `${ms(a.p50)}${a.errors ? ` (${a.errors} errors)` : ''}` : '—';
};
const mb = (b) => `${(b / 2 ** 20).toFixed(0)} MB`;
const nameOf = (t) => (t === 'sqlite' ? 'SQLite' : 'PostgreSQL');
const lines = [];
for (const f of figs) {
  const ratio = f.total.p99 / f.healthz.p99;
  lines.push(
    `### ${nameOf(f.target)}`,
    '',
    `Search index: ${f.index.builtSeconds === null ? `present, reused (${f.index.docs.toLocaleString('en')} docs)` : `built first in ${f.index.builtSeconds.toFixed(1)} s (${f.index.docs.toLocaleString('en')} docs)`}. Sample: ${f.sample.items.toLocaleString('en')} item pages, ${f.sample.columns} column pages, ${f.sample.homes} org homes, ${f.sample.queries} queries; ${f.sample.staff.length} staff sessions (${[...new Set(f.sample.staff)].join(', ')}). Load average ${f.loadAverage.before.map((x) => x.toFixed(1)).join(' / ')} before the mix, ${f.loadAverage.after.map((x) => x.toFixed(1)).join(' / ')} after; CPU during the mix: server ${f.cpu.server === null ? '?' : f.cpu.server.toFixed(2)} cores, load generator ${f.cpu.client.toFixed(2)} cores.`,
    '',
    `| request kind | weight | count | errors | p50 ms | p99 ms | req/s | alone: p50 ms (5 one at a time) |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- |`,
    `| \`/healthz\` alone (baseline, ${opts.clients} clients, ${opts.baseline} s) | — | ${f.healthz.count} | ${f.healthz.errors} | ${ms(f.healthz.p50)} | ${ms(f.healthz.p99)} | ${f.healthz.rps.toFixed(0)} | — |`,
  );
  for (const k of f.kinds) {
    const w = MIX[k.kind] ?? (k.kind.startsWith('apply') ? `${MIX.submission} (submission)` : '—');
    lines.push(
      `| ${k.kind} | ${w} | ${k.count} | ${k.errors} | ${ms(k.p50)} | ${ms(k.p99)} | ${k.rps.toFixed(1)} | ${alone(f, k.kind)} |`,
    );
  }
  const t = f.total;
  lines.push(
    `| **mix total** (${opts.clients} clients, ${f.seconds.toFixed(1)} s) | | **${t.count}** | **${t.errors}** | **${ms(t.p50)}** | **${ms(t.p99)}** | **${t.rps.toFixed(0)}** | |`,
    '',
    `Mix p99 ÷ \`/healthz\` p99: ${ratio.toFixed(1)}×. Answers over 5 s: ${f.long.count}${f.long.count ? ` (${f.long.fromFirstSecond} of them sent in the first second of the mix)` : ''}.`,
  );
  if (t.errors) {
    lines.push('', 'Errors by reason (first occurrence):', '');
    for (const k of f.kinds)
      for (const [reason, n] of Object.entries(k.reasons))
        lines.push(
          `- ${k.kind}: ${n}× ${reason} — \`${(k.samples[reason] ?? '').replace(/\s+/g, ' ').replace(/`/g, "'").slice(0, 200)}\``,
        );
  }
  if (f.diagnosis.length) {
    lines.push(
      '',
      'Each failing page requested again alone, in-process, with the error logged:',
      '',
    );
    for (const d of f.diagnosis) lines.push(`- ${d.replace(/`/g, "'")}`);
  }
  const a = f.applications;
  const added = a.after - a.before;
  const stored =
    a.acknowledged === a.distinctRefs && a.refsFound === a.distinctRefs && added === a.distinctRefs;
  lines.push(
    '',
    `Submissions (including those of the one-at-a-time pass and the warm-up): ${a.acknowledged} acknowledged with 303, ${a.distinctRefs} distinct 受理编号, ${a.refsFound} found in the database, ${added} rows added (applications marked as this benchmark's: ${a.before} → ${a.after}): ${stored ? 'every acknowledged submission stored once' : '**MISMATCH**'}.`,
    '',
    `RSS of the server: ${mb(f.rss.start)} at start, ${mb(f.rss.warm)} after warm-up, ${f.rss.during.map(mb).join(', ')} every 5 s of the mix, ${mb(f.rss.after)} after it, ${mb(f.rss.idle)} after ${opts.idle} s idle (${((f.rss.idle / f.rss.warm - 1) * 100).toFixed(0)}% vs after warm-up).`,
    '',
  );
}
const verdicts = figs.map((f) => {
  const a = f.applications;
  const zero = f.total.errors === 0 && f.healthz.errors === 0;
  const stable = f.rss.idle <= f.rss.warm * RSS_STABLE;
  const stored =
    a.acknowledged === a.distinctRefs &&
    a.refsFound === a.distinctRefs &&
    a.after - a.before === a.distinctRefs;
  return `${nameOf(f.target)}: zero errors ${zero ? 'holds' : `does NOT hold (${f.total.errors} errors)`}; RSS stable ${stable ? 'holds' : 'does NOT hold'}; submissions ${stored ? 'all stored once' : 'NOT all stored once'}; p50 ${ms(f.total.p50)} ms, p99 ${ms(f.total.p99)} ms (${(f.total.p99 / f.healthz.p99).toFixed(1)}× /healthz p99).`;
});
const body = lines.join('\n');
console.log(body);
console.log(verdicts.join('\n'));

if (!args.includes('--no-write')) {
  const m = figs[0].manifest;
  const weights = Object.entries(MIX)
    .map(([k, w]) => `${k} ${w}`)
    .join(', ');
  writeSection(
    'mixed',
    `## Mixed load (issue 8) — \`npm run bench -- mixed\`

Bench dataset at scale ${opts.scale} (${m.counts.items.toLocaleString('en')} items across ${m.counts.orgs - 1} orgs and their parent, ${m.counts.applications.toLocaleString('en')} applications; \`npm run bench:data\`), the real server (\`src/bench/server.ts\`: \`buildApp\`, own process, 127.0.0.1, \`TRUST_PROXY=true\` as behind nginx). ${opts.clients} concurrent closed-loop clients over keep-alive connections, each sending its next request when the previous one is answered, for ${opts.duration} s after a ${opts.warmup} s warm-up that is not counted; each task drawn by weight (${weights}): public item pages, column pages (pages 1–3) and org home pages sampled across all orgs; \`/{org}/search\` and \`GET /api/v1/search\` with queries cut from the dataset's titles (short, word, long, year + word, 文号, filtered by org and year); a submission is three requests (the form with its token and CSRF cookie, the POST — an error unless it answers 303 to the receipt with a 受理编号 —, and the receipt page, which must show it), each from its own address and applicant; staff pages (case list in ${LIST_QUERIES.length} filter/page variants, dashboard, catalogue item list, monitoring overview) with ${opts.staffSessions} signed-in sessions (both factors) of case workers and editors. An error is a network error, a timeout (30 s) or any status other than the expected one. Baseline in the same run: \`/healthz\` alone at the same concurrency for ${opts.baseline} s. RSS from \`/__bench/rss\`; "RSS stable" means the RSS after ${opts.idle} s idle is within +${Math.round((RSS_STABLE - 1) * 100)}% of the RSS after warm-up. In a closed loop the latency at ${opts.clients} clients is mostly waiting (clients ÷ throughput): the last column gives the cost of each kind made alone, one request at a time, before the load. The load generator shares the machine with the server.
Machine: ${machine(await dbVersions())}. Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Revision ${revision()}.

${body}
${verdicts.map((v) => `- ${v}`).join('\n')}`,
  );
}
process.exit(0);
