// Portal benchmark (issue 3), not a test: `npm run bench -- portal` or `node --import tsx
// scripts/bench-portal.mjs [--db sqlite|postgres|both] [--scale 1] [--duration 10]
// [--connections 64] [--workers 1] [--items 1000] [--visibility 20] [--write | --no-write]`.
//
// On the shared bench dataset (src/bench/dataset.ts; --scale 0.01 for quick runs) it starts the
// real server (`gongkai serve`, NODE_ENV=production, logging off, worker off) and picks a sample
// of item pages, column pages (page 1 to 5) and org home pages. It fetches each once (the cold,
// uncached render: latency at concurrency 1), saves exactly those responses as static files and
// serves them with nginx (a generated minimal nginx.conf in a temp dir). autocannon then loads
// both, one page type at a time, Gongkai then nginx, with the same URL list and connection count:
// req/s and p50/p97.5/p99 latency (after a 2 s warm-up), and the ratio to nginx. Last, visibility: an item is
// published through the catalogue services (draft → submit → approve → publish, as staff do) by
// this process — another process than the server — and the column page, cached by the server,
// is polled until the item shows: max and p95 over --visibility runs (target ≤ 1 s).
//
// Fairness: nginx runs with as many worker processes as Gongkai runs Node processes (--workers,
// default 1: one event loop each). With --workers N > 1, Gongkai runs N processes under
// node:cluster sharing the port (each with its own page cache, invalidated through the database).
// The figures go into BENCHMARKS.md (between <!-- portal:figures --> markers inside the
// bench:portal section) at scale 1 or with --write; --no-write never writes.
//
// Side effect: the visibility runs publish --visibility 通知 (titled 门户发布可见性测试…) in the
// 通知公告 column of the first child org of the bench dataset, with two staff users
// (bench-portal-editor, bench-portal-reviewer), and start that org's 索引号 serial at 1,000,000.
import cluster from 'node:cluster';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const flag = (name) => args.includes(`--${name}`);

// Cluster mode: this file is also the entry of the N Gongkai processes (`--serve-cluster N`).
if (flag('serve-cluster')) {
  const n = Number(opt('serve-cluster', '1'));
  if (cluster.isPrimary) {
    for (let i = 0; i < n; i++) cluster.fork();
    cluster.on('exit', () => process.exit(1));
    const stop = () => {
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
      setTimeout(() => process.exit(0), 500);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } else {
    process.argv = [process.argv[0], process.argv[1], 'serve'];
    await import('../src/main.ts');
  }
} else if (flag('serve-floor')) {
  await serveFloor(opt('serve-floor'), Number(opt('port', '0')));
} else {
  await benchmark();
}

/**
 * The Node floor: a bare Fastify serving the saved pages from memory (what any Node server
 * costs per request on this machine), to read the nginx ratio against.
 */
async function serveFloor(www, port) {
  const { default: Fastify } = await import('fastify');
  const pages = new Map();
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else {
        const rel = `/${path.relative(www, f)}`;
        const url = rel.endsWith('/index.html')
          ? rel.slice(0, -'index.html'.length)
          : rel.replace('__', '?');
        pages.set(url, fs.readFileSync(f));
      }
    }
  };
  walk(www);
  const app = Fastify({ logger: false });
  app.get('/*', async (request, reply) => {
    const body = pages.get(request.url);
    if (!body) return reply.code(404).send('not found');
    return reply.type('text/html; charset=utf-8').send(body);
  });
  await app.listen({ port, host: '127.0.0.1' });
}

async function benchmark() {
  const { default: autocannon } = await import('autocannon');
  const { ensureBenchDataset, benchConfig, BENCH_DATA_KEY, BENCH_SESSION_SECRET } =
    await import('../src/bench/dataset.ts');
  const { contextFor } = await import('../src/platform/bootstrap.ts');
  const { openDatabase } = await import('../src/platform/db/database.ts');
  const { migrateToLatest } = await import('../src/platform/db/migrate.ts');
  const { createLogger } = await import('../src/platform/logger.ts');
  const { createItem } = await import('../src/catalogue/items.service.ts');
  const { listColumns } = await import('../src/catalogue/columns.service.ts');
  const { findOrg } = await import('../src/orgs/orgs.service.ts');
  const { sequencePeriod } = await import('../src/orgs/orgs.model.ts');
  const { chinaDate } = await import('../src/platform/time.ts');
  const { publishItem, reviewItem, submitItem } =
    await import('../src/catalogue/workflow.service.ts');

  const DB = opt('db', 'both');
  const SCALE = Number(opt('scale', '1'));
  const DURATION = Number(opt('duration', '10'));
  const CONNECTIONS = Number(opt('connections', '64'));
  const WORKERS = Number(opt('workers', '1'));
  const N_ITEMS = Number(opt('items', '1000'));
  const N_COLUMNS = Number(opt('columns', '200'));
  const N_HOMES = Number(opt('homes', '100'));
  const VIS_RUNS = Number(opt('visibility', '20'));
  const NGINX = opt('nginx', '/usr/sbin/nginx');
  const targets = DB === 'both' ? ['sqlite', 'postgres'] : [DB];

  let seed = 20261128;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const shuffle = (a) => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  const pct = (sorted, p) =>
    sorted.length
      ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
      : NaN;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const freePort = () =>
    new Promise((resolve, reject) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address();
        s.close(() => resolve(port));
      });
      s.on('error', reject);
    });
  const waitFor = async (url, ms = 120_000) => {
    const until = Date.now() + ms;
    for (;;) {
      try {
        const r = await fetch(url);
        if (r.status < 500) return;
      } catch {
        /* not up yet */
      }
      if (Date.now() > until) throw new Error(`${url} did not answer within ${ms} ms`);
      await sleep(200);
    }
  };

  /** A sample of public URLs of the dataset, by page type. */
  async function sampleUrls(db) {
    const { sql } = await import('kysely');
    const orgs = await db.selectFrom('orgs').select(['id', 'code']).execute();
    const codeOf = new Map(orgs.map((o) => [o.id, o.code]));
    const maxId = Number(
      (
        await db
          .selectFrom('items')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirst()
      ).m,
    );
    const items = new Set();
    for (let tries = 0; items.size < N_ITEMS && tries < 20; tries++) {
      const ids = Array.from({ length: N_ITEMS * 2 }, () => 1 + Math.floor(rand() * maxId));
      const rows = await db
        .selectFrom('items')
        .select(['id', 'org_id'])
        .where('id', 'in', ids)
        .where('status', '=', 'published')
        .where('attribute', '=', 'active')
        .where('published_on', 'is not', null)
        .execute();
      for (const r of rows)
        if (items.size < N_ITEMS) items.add(`/${codeOf.get(r.org_id)}/items/${r.id}`);
    }
    const cols = await db
      .selectFrom('columns')
      .select(['org_id', 'code'])
      .where('code', 'not in', ['guide', 'policy'])
      .execute();
    const columns = shuffle(cols)
      .slice(0, N_COLUMNS)
      .map((c) => `/${codeOf.get(c.org_id)}/columns/${c.code}?page=${1 + Math.floor(rand() * 5)}`);
    const homes = shuffle([...orgs])
      .slice(0, N_HOMES)
      .map((o) => `/${o.code}/`);
    void sql;
    return { item: shuffle([...items]), column: columns, home: homes };
  }

  function startGongkai(databaseUrl, port) {
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      WORKER: 'off',
      DATA_KEY: BENCH_DATA_KEY,
      SESSION_SECRET: BENCH_SESSION_SECRET,
    };
    const argv =
      WORKERS > 1
        ? ['--import', 'tsx', 'scripts/bench-portal.mjs', '--serve-cluster', String(WORKERS)]
        : ['--import', 'tsx', 'src/main.ts', 'serve'];
    const child = spawn(process.execPath, argv, {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return child;
  }

  /** Saves the fetched pages as files under `www` so that nginx answers the same URLs. */
  function fileFor(www, url) {
    const [p, q] = url.split('?');
    const rel = p.endsWith('/') ? `${p}index.html` : q ? `${p}__${q}` : p;
    return path.join(www, rel);
  }

  function nginxConf(dir, port) {
    const user = os.userInfo();
    return `# generated by scripts/bench-portal.mjs
${user.uid === 0 ? 'user root root;' : ''}
worker_processes ${WORKERS};
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type text/html;
  charset utf-8;
  keepalive_requests 10000000;
  keepalive_timeout 75s;
  client_body_temp_path ${dir}/tmp-body;
  proxy_temp_path ${dir}/tmp-proxy;
  fastcgi_temp_path ${dir}/tmp-fastcgi;
  uwsgi_temp_path ${dir}/tmp-uwsgi;
  scgi_temp_path ${dir}/tmp-scgi;
  map $args $gk_suffix { "" ""; default "__$args"; }
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
    location / { try_files $uri$gk_suffix $uri/index.html =404; }
  }
}
`;
  }

  async function cannon(port, urls) {
    // Warm-up (not counted): the first seconds after the cold pass pay for JIT and heap growth.
    await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: 2,
      requests: urls.map((u) => ({ method: 'GET', path: u })),
    });
    const r = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: DURATION,
      requests: urls.map((u) => ({ method: 'GET', path: u })),
    });
    return {
      rps: r.requests.average,
      p50: r.latency.p50,
      p975: r.latency.p97_5,
      p99: r.latency.p99,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
      total: r.requests.total,
    };
  }

  const results = [];
  const load1 = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ');
  for (const target of targets) {
    console.log(`\n== ${target}: dataset (scale ${SCALE})`);
    const { databaseUrl, manifest } = await ensureBenchDataset(target, { scale: SCALE });
    console.log(`   ${databaseUrl}: ${manifest.counts.items} items, ${manifest.counts.orgs} orgs`);
    const config = benchConfig(databaseUrl);
    const database = openDatabase(databaseUrl);
    await migrateToLatest(database.db);
    const ctx = await contextFor(config, database, createLogger('silent'));
    const urls = await sampleUrls(ctx.db);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-bench-portal-'));
    const www = path.join(dir, 'www');
    const port = await freePort();
    const nport = await freePort();
    const server = startGongkai(databaseUrl, port);
    let nginx;
    let floor;
    try {
      await waitFor(`http://127.0.0.1:${port}/healthz`);
      // Cold pass: every sampled URL once, sequentially; the responses become nginx's files.
      const cold = {};
      for (const [type, list] of Object.entries(urls)) {
        const kept = [];
        const times = [];
        for (const u of list) {
          const t = performance.now();
          const res = await fetch(`http://127.0.0.1:${port}${u}`);
          const body = Buffer.from(await res.arrayBuffer());
          times.push(performance.now() - t);
          if (res.status !== 200) continue;
          const f = fileFor(www, u);
          fs.mkdirSync(path.dirname(f), { recursive: true });
          fs.writeFileSync(f, body);
          kept.push(u);
        }
        times.sort((a, b) => a - b);
        cold[type] = {
          p50: pct(times, 50),
          p99: pct(times, 99),
          n: kept.length,
          tried: list.length,
        };
        urls[type] = kept;
        console.log(
          `   cold ${type}: ${kept.length}/${list.length} pages 200, render p50 ${cold[type].p50.toFixed(1)} ms, p99 ${cold[type].p99.toFixed(1)} ms`,
        );
      }
      fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConf(dir, nport));
      nginx = spawn(
        NGINX,
        ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')],
        {
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      await waitFor(`http://127.0.0.1:${nport}${urls.home[0] ?? '/'}`);
      for (const u of [urls.item[0], urls.column[0]].filter(Boolean)) {
        const r = await fetch(`http://127.0.0.1:${nport}${u}`);
        if (r.status !== 200) throw new Error(`nginx answers ${r.status} for ${u}`);
      }

      const fport = await freePort();
      floor = spawn(
        process.execPath,
        ['scripts/bench-portal.mjs', '--serve-floor', www, '--port', String(fport)],
        { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      await waitFor(`http://127.0.0.1:${fport}${urls.home[0] ?? '/'}`);

      for (const type of ['item', 'column', 'home']) {
        if (!urls[type].length) continue;
        const load = load1();
        const g = await cannon(port, urls[type]);
        const n = await cannon(nport, urls[type]);
        const f = await cannon(fport, urls[type]);
        const row = {
          target,
          type,
          pages: urls[type].length,
          g,
          n,
          f,
          ratio: g.rps / n.rps,
          load,
          cold: cold[type],
        };
        results.push(row);
        console.log(
          `   ${type.padEnd(6)} gongkai ${g.rps.toFixed(0)} req/s p50/p97.5/p99 ${g.p50}/${g.p975}/${g.p99} ms (non-2xx ${g.non2xx}, errors ${g.errors}) | nginx ${n.rps.toFixed(0)} req/s ${n.p50}/${n.p975}/${n.p99} ms | ratio ${row.ratio.toFixed(2)} | bare Fastify ${f.rps.toFixed(0)} req/s (${(f.rps / n.rps).toFixed(2)} of nginx) | load ${load}`,
        );
      }

      // Visibility: publish through the services here (another process), poll the server.
      const org = await ctx.db
        .selectFrom('orgs')
        .select(['id', 'code'])
        .where('parent_id', 'is not', null)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const mkUser = async (name) => {
        const existing = await ctx.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', name)
          .executeTakeFirst();
        if (existing) return existing.id;
        const now = new Date().toISOString();
        const r = await ctx.db
          .insertInto('users')
          .values({
            username: name,
            display_name: name,
            email: null,
            password_hash: 'x',
            is_platform_admin: 0,
            totp_secret: null,
            totp_enabled: 0,
            totp_may_defer: 0,
            failed_logins: 0,
            locked_until: null,
            disabled: 0,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return r.id;
      };
      const staff = async (name, role) => ({
        userId: await mkUser(name),
        username: name,
        isPlatformAdmin: false,
        grants: [{ orgId: org.id, role }],
      });
      const editor = await staff('bench-portal-editor', 'editor');
      const reviewer = await staff('bench-portal-reviewer', 'reviewer');
      // The dataset issues 索引号 without advancing the org's serial (index_sequences): start the
      // serial of this period past them, else the first publication collides with one.
      const today = chinaDate(new Date());
      const period = sequencePeriod((await findOrg(ctx, org.code)).indexTemplate, today);
      await ctx.db
        .insertInto('index_sequences')
        .values({ org_id: org.id, period, last_value: 1_000_000 })
        .onConflict((oc) =>
          oc
            .columns(['org_id', 'period'])
            .doUpdateSet({ last_value: 1_000_000 })
            .where('index_sequences.last_value', '<', 1_000_000),
        )
        .execute();
      const column = (await listColumns(ctx, editor, org.id)).find((c) => c.code === 'notice');
      if (!column) throw new Error(`no notice column in ${org.code}`);
      const pageUrl = `http://127.0.0.1:${port}/${org.code}/columns/${column.code}`;
      const delays = [];
      const runId = Date.now().toString(36);
      for (let i = 1; i <= VIS_RUNS; i++) {
        await fetch(pageUrl).then((r) => r.text()); // make sure the page is cached
        await fetch(pageUrl).then((r) => r.text());
        const title = `门户发布可见性测试${runId}第${i}号通知`;
        const { item } = await createItem(ctx, editor, org.id, {
          column_id: column.id,
          title,
          summary: null,
          body_html: '<p>基准测试发布的通知。</p>',
          doc_number: null,
          formed_on: today,
          published_on: null,
          topic: null,
          genre: '通知',
          keywords: null,
          doc_type: 'other',
          validity: null,
          abolished_on: null,
          disclosure_mode: null,
          attribute: 'active',
          attribute_reason: null,
          channels: ['portal'],
          interprets_ref: null,
          change_note: null,
        });
        await submitItem(ctx, editor, org.id, item.id);
        await reviewItem(ctx, reviewer, org.id, item.id, { decision: 'approve', comment: null });
        await publishItem(ctx, reviewer, org.id, item.id, { mode: 'now', scheduled_at: null });
        const t0 = performance.now();
        for (;;) {
          const body = await fetch(pageUrl).then((r) => r.text());
          if (body.includes(title)) break;
          if (performance.now() - t0 > 10_000) throw new Error(`${title} not visible after 10 s`);
          await sleep(5);
        }
        delays.push(performance.now() - t0);
        await sleep(50 + rand() * 300);
      }
      delays.sort((a, b) => a - b);
      const vis = {
        target,
        runs: delays.length,
        p50: pct(delays, 50),
        p95: pct(delays, 95),
        max: delays.at(-1),
      };
      results.push({ target, type: 'visibility', vis });
      console.log(
        `   visibility after publication (${delays.length} runs): p50 ${vis.p50.toFixed(0)} ms, p95 ${vis.p95.toFixed(0)} ms, max ${vis.max.toFixed(0)} ms`,
      );
    } finally {
      nginx?.kill('SIGQUIT');
      floor?.kill('SIGTERM');
      server.kill('SIGTERM');
      await sleep(500);
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  const report = markdown(results);
  console.log(`\n${report}`);
  if ((flag('write') || SCALE === 1) && !flag('no-write')) {
    const file = path.join(root, 'BENCHMARKS.md');
    const text = fs.readFileSync(file, 'utf8');
    const start = '<!-- bench:portal -->';
    const end = '<!-- /bench:portal -->';
    const a = text.indexOf(start);
    const b = text.indexOf(end);
    if (a < 0 || b < a) throw new Error('BENCHMARKS.md has no bench:portal markers');
    const figures = text.indexOf('<!-- portal:figures -->', a);
    const figuresEnd = text.indexOf('<!-- /portal:figures -->', a);
    if (figures > a && figuresEnd > figures && figuresEnd < b) {
      fs.writeFileSync(
        file,
        `${text.slice(0, figures)}<!-- portal:figures -->\n${report}\n${text.slice(figuresEnd)}`,
      );
      console.log('BENCHMARKS.md updated');
    }
  }

  function markdown(rows) {
    const lines = [
      `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, scale ${SCALE}, ${CONNECTIONS} connections, ${DURATION} s per run, ${WORKERS} Node process(es) vs nginx worker_processes ${WORKERS}, load average at start ${load1()}.`,
      '',
      '| db | pages | sample | Gongkai req/s | p50 / p97.5 / p99 (ms) | nginx req/s | p50 / p97.5 / p99 (ms) | ratio | bare Fastify req/s (÷ nginx) | cold render p50 / p99 (ms) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ];
    for (const r of rows.filter((x) => x.type !== 'visibility'))
      lines.push(
        `| ${r.target} | ${r.type} | ${r.pages} | ${r.g.rps.toFixed(0)} | ${r.g.p50} / ${r.g.p975} / ${r.g.p99} | ${r.n.rps.toFixed(0)} | ${r.n.p50} / ${r.n.p975} / ${r.n.p99} | **${r.ratio.toFixed(2)}** | ${r.f.rps.toFixed(0)} (${(r.f.rps / r.n.rps).toFixed(2)}) | ${r.cold.p50.toFixed(1)} / ${r.cold.p99.toFixed(1)} |`,
      );
    lines.push(
      '',
      '| db | visibility runs | p50 (ms) | p95 (ms) | max (ms) |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const r of rows.filter((x) => x.type === 'visibility'))
      lines.push(
        `| ${r.target} | ${r.vis.runs} | ${r.vis.p50.toFixed(0)} | ${r.vis.p95.toFixed(0)} | ${r.vis.max.toFixed(0)} |`,
      );
    return lines.join('\n');
  }
  void spawnSync;
}
