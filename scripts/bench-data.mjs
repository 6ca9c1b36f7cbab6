// Builds the shared benchmark dataset (issue 8), not a test: `npm run bench:data -- [--db
// sqlite|postgres|both] [--scale 0.01] [--force]`. Reuses a complete dataset of the same scale
// unless --force; prints where it is, its counts and the build time. See docs/benchmarks.md.
import { ensureBenchDataset } from '../src/bench/dataset.ts';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const db = opt('db', 'both');
const scale = Number(opt('scale', '1'));
const force = args.includes('--force');
if (!['sqlite', 'postgres', 'both'].includes(db)) {
  console.error('--db must be sqlite, postgres or both');
  process.exit(2);
}
if (!(scale > 0 && scale <= 1)) {
  console.error('--scale must be a number in (0, 1], e.g. 0.01');
  process.exit(2);
}
for (const target of db === 'both' ? ['sqlite', 'postgres'] : [db]) {
  const t = performance.now();
  const { databaseUrl, manifest } = await ensureBenchDataset(target, { scale, force });
  const took = ((performance.now() - t) / 1000).toFixed(1);
  const reused = manifest.builtAt < new Date(Date.now() - (performance.now() - t)).toISOString();
  console.log(
    `${target}: ${databaseUrl}\n  ${reused ? `reused (built ${manifest.builtAt} in ${manifest.buildSeconds} s)` : `built in ${manifest.buildSeconds} s`}; checked in ${took} s\n  ${JSON.stringify(manifest.counts)}`,
  );
}
