// Search benchmark (issue 6), not a test: `npm run bench -- search`, or `node --import tsx
// scripts/bench-search.mjs [--scale S] [--sqlite-only] [--queries N]`. By default it runs on the
// shared dataset (src/bench/dataset.ts: 1,000,000 items across 500 orgs at scale 1, built on
// first use, SQLite file and PostgreSQL database `gongkai_bench`): builds the search index on it
// (timed: the index build figure), then runs a 200-query mix (short, long, multi-word, 文号,
// filtered; drawn from the dataset's own titles) through the search service beside the bare
// index query for the same terms (the floor). `--items N [--pg URL]` uses the older generator
// instead (N items in a temporary SQLite file and a temporary PostgreSQL schema). Prints
// p50/p95/p99 in milliseconds, the index size and the load average.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { contextFor } from '../src/platform/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createLogger } from '../src/platform/logger.ts';
import { reindex } from '../src/search/search.indexer.ts';
import { indexFor } from '../src/search/search.index.ts';
import { search } from '../src/search/search.service.ts';
import { planQuery } from '../src/search/search.segment.ts';
import { segmenterFor } from '../src/search/search.vocabulary.ts';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const flag = (name) => args.includes(`--${name}`);
const OWN = opt('items', undefined) !== undefined;
const N = Number(opt('items', '100000'));
const SCALE = Number(opt('scale', '1'));
// --pg-only: skip SQLite; --schema S: use (and keep) PostgreSQL schema S, loading and indexing
// only when it is empty (for profiling); --rebuild: index it again anyway.
const SCHEMA = opt('schema', undefined);
const Q = Number(opt('queries', '200'));
// --warm N: other queries run untimed before the measured mix (default 200; 0: only the first
// 10 of the mix, as before 2026-11-28 20:58).
const WARM = Number(opt('warm', '200'));
const PG_URL = opt(
  'pg',
  process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined,
);

let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (a) => a[Math.floor(rand() * a.length)];

const TOPICS =
  `城乡居民医疗保险 住房公积金 企业稳岗返还 高校毕业生就业 老旧小区改造 生活垃圾分类 农村饮用水 电动自行车
安全生产 森林防火 防汛防台 学前教育 义务教育招生 残疾人补贴 最低生活保障 临时救助 特困人员供养 退役军人
养老服务 产业扶持资金 科技型中小企业 高新技术企业 人才安居 知识产权 招商引资 政府投资项目 重大建设项目 土地征收
房屋征收补偿 扬尘治理 河道保洁 蓝藻防控 白蚁防治 犬类管理 燃气安全 消防安全 食品安全抽检 药品监管 价格监测
农产品质量 耕地保护 高标准农田 农机购置补贴 政府采购 财政预算 财政决算 三公经费 部门预算 债务限额 信息公开年度报告
政务公开 依申请公开 行政复议 行政执法 双随机抽查 营商环境 一网通办 信用修复 统计公报 审计整改 公共资源交易
公交线路 停车收费 交通管制 数字经济 专精特新 跨境电商 职业技能培训 创业担保贷款 农民工工资 劳动保障监察 工伤认定
社保补贴 公积金贷款 契税补贴 人才引进 新能源汽车 节能降耗 碳达峰 污水零直排 地质灾害 应急物资 爱国卫生 文明城市
志愿服务 全民健身 文物保护 非遗传承 社区矫正 法律援助 人民调解 信访事项`.split(/\s+/);
const GENRES = [
  (t, _y) => `关于印发温州高新区${t}管理办法的通知`,
  (t, y) => `${y}年${t}实施方案`,
  (t, y) => `关于${y}年度${t}情况的公示`,
  (t, y) => `关于做好${y}年${t}工作的通知`,
  (t, y) => `${y}年${t}工作总结`,
  (t, _y) => `关于进一步加强${t}的实施意见`,
];
const SENTENCES = [
  '为深入贯彻落实党中央、国务院决策部署，进一步提升公共服务水平，结合本区实际，制定本方案。',
  '各街道、各部门要高度重视，加强组织领导，明确责任分工，确保各项任务落到实处。',
  '本通知自发布之日起施行，由管委会负责解释。',
  '请各单位于每月底前将工作进展情况报送牵头部门。',
  '申请人应当如实提交申请材料，并对材料的真实性负责。',
];
const PREFIX = ['温高管', '温高财', '温高人社', '温高建', '温高经', '温高科', '温高教', '温高卫'];

function makeItem(i, orgIds) {
  const topic = pick(TOPICS);
  const year = 2015 + Math.floor(rand() * 11);
  const orgIdx = i % orgIds.length;
  const serial = Math.floor(i / orgIds.length) + 1;
  const body =
    Array.from({ length: 4 }, () => pick(SENTENCES)).join('') +
    `${topic}相关工作由${pick(TOPICS)}牵头部门统筹。`;
  const day = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  return {
    org_id: orgIds[orgIdx],
    ref: `b${i}`,
    index_no: `ORG${orgIdx}/${year}-${String(i).padStart(7, '0')}`,
    title: pick(GENRES)(topic, year),
    summary: `关于${topic}有关事项的安排。`,
    body_html: `<p>${body}</p>`,
    column_id: null,
    category: 'art20-01',
    doc_type: pick(['normative', 'other', 'other', 'rule']),
    doc_number: `${PREFIX[orgIdx % PREFIX.length]}〔${year}〕${serial}号`,
    formed_on: day,
    published_on: day,
    channels: '["portal"]',
    validity: pick(['valid', 'valid', 'invalid', null]),
    abolished_on: null,
    interprets_ref: null,
    attribute: 'active',
    attribute_reason: null,
    rereview_on: null,
    topic: null,
    genre: null,
    keywords: null,
    disclosure_mode: null,
    status: 'published',
    review_level: 0,
    scheduled_at: null,
    author_id: null,
    version: 1,
    change_note: null,
    withdrawn_on: null,
    withdrawal_reason: null,
    published_at: `${day}T02:00:00.000Z`,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  };
}

function queryMix(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = pick(TOPICS);
    const y = String(2015 + Math.floor(rand() * 11));
    const kind = ['short', 'short', 'word', 'long', 'multi', 'docnum', 'filtered'][i % 7];
    if (kind === 'short') out.push({ kind, q: t.slice(0, 2) });
    else if (kind === 'word') out.push({ kind, q: t });
    else if (kind === 'long') out.push({ kind, q: pick(GENRES)(t, y) });
    else if (kind === 'multi') out.push({ kind, q: `${y}年 ${t}` });
    else if (kind === 'docnum')
      out.push({ kind, q: `${pick(PREFIX)}[${y}]${1 + Math.floor(rand() * 50)}号` });
    else out.push({ kind, q: t, org: 'bench-0', year: y });
  }
  return out;
}

/** A query mix drawn from the items themselves (works on any dataset). */
async function sampledMix(ctx, n) {
  const maxId = Number(
    (
      await ctx.db
        .selectFrom('items')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirst()
    )?.m ?? 0,
  );
  const ids = Array.from({ length: n * 4 }, () => 1 + Math.floor(rand() * maxId));
  const rows = await ctx.db
    .selectFrom('items as i')
    .innerJoin('orgs as o', 'o.id', 'i.org_id')
    .select(['i.title', 'i.doc_number', 'i.published_on', 'o.code'])
    .where('i.id', 'in', ids)
    .where('i.status', '=', 'published')
    .where('i.attribute', '=', 'active')
    .execute();
  const runs = (t) => t.match(/[\u4e00-\u9fff]{4,}/g) ?? [];
  const sub = (run, len) => {
    const at = Math.floor(rand() * (run.length - len + 1));
    return run.slice(at, at + len);
  };
  const out = [];
  for (let i = 0; out.length < n && i < rows.length * 3; i++) {
    const r = rows[i % rows.length];
    const han = runs(r.title);
    if (!han.length || !r.published_on) continue;
    const run = pick(han);
    const y = r.published_on.slice(0, 4);
    const kind = ['short', 'short', 'word', 'long', 'multi', 'docnum', 'filtered'][out.length % 7];
    if (kind === 'short') out.push({ kind, q: sub(run, 2) });
    else if (kind === 'word') out.push({ kind, q: sub(run, 4) });
    else if (kind === 'long') out.push({ kind, q: [...r.title].slice(0, 60).join('') });
    else if (kind === 'multi') out.push({ kind, q: `${y}年 ${sub(run, 4)}` });
    else if (kind === 'docnum') {
      if (!r.doc_number) continue;
      out.push({ kind, q: r.doc_number.replace('〔', '[').replace('〕', ']') });
    } else out.push({ kind, q: sub(run, 4), org: r.code, year: y });
  }
  return out;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

function ownConfig(url) {
  return loadConfig({
    DATABASE_URL: url,
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    DATA_KEY: '00112233445566778899aabbccddeeff',
    LOG_LEVEL: 'silent',
    WORKER: 'off',
  });
}

async function runOn(label, url, schema) {
  const database = openDatabase(
    url,
    url.startsWith('postgres') ? { ...(schema ? { schema } : {}), poolSize: 4 } : {},
  );
  await migrateToLatest(database.db);
  const config = OWN ? ownConfig(url) : (await import('../src/bench/dataset.ts')).benchConfig(url);
  const ctx = await contextFor(config, database, createLogger('silent'));
  const existing = Number(
    (
      await ctx.db
        .selectFrom('items')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  let buildS = null;
  if (existing === 0) {
    await load(ctx, label);
    buildS = await build(ctx, label);
  } else if (!OWN || flag('rebuild')) {
    const docs = Number(
      (
        await ctx.db
          .selectFrom('search_docs')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
    if (!(flag('no-build') && docs >= existing)) buildS = await build(ctx, label);
  }
  await measure(ctx, database, label, buildS, existing || N);
}

async function load(ctx, label) {
  const now = new Date().toISOString();
  const orgIds = [];
  for (let i = 0; i < 8; i++) {
    const r = await ctx.db
      .insertInto('orgs')
      .values({
        code: `bench-${i}`,
        name: `温州高新区测试单位${i}`,
        parent_id: orgIds[0] ?? null,
        kind: 'department',
        uscc: null,
        site_id_code: null,
        contact_office: null,
        contact_address: null,
        contact_hours: null,
        contact_phone: null,
        contact_fax: null,
        contact_email: null,
        contact_postcode: null,
        contact_confirmed_on: null,
        index_template: '{}',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    orgIds.push(r.id);
  }
  const t = performance.now();
  for (let i = 0; i < N; i += 1000) {
    const rows = [];
    for (let k = i; k < Math.min(N, i + 1000); k++) rows.push(makeItem(k, orgIds));
    await ctx.db.transaction().execute(async (trx) => {
      for (let k = 0; k < rows.length; k += 100)
        await trx
          .insertInto('items')
          .values(rows.slice(k, k + 100))
          .execute();
    });
  }
  console.error(
    `[${label}] inserted ${N} items in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}

async function build(ctx, label) {
  const t = performance.now();
  let last = 0;
  await reindex(
    ctx,
    null,
    (done, total) => {
      if (done - last >= 50000 || done === total) {
        last = done;
        console.error(
          `[${label}] indexed ${done}/${total} (${((performance.now() - t) / 1000).toFixed(1)} s)`,
        );
      }
    },
    1000,
  );
  return (performance.now() - t) / 1000;
}

async function measure(ctx, database, label, buildS, items) {
  const loadBefore = os.loadavg()[0];
  const index = indexFor(ctx.db);
  const size = await index.sizeBytes(ctx.db);
  const seg = await segmenterFor(ctx.db);
  const mix = OWN ? queryMix(Q) : await sampledMix(ctx, Q);
  // Warm-up, untimed: the first 10 queries of the mix, then WARM other queries drawn the same
  // way (a server that has answered other searches: its page cache and gk_bm25's remembered
  // token counts hold what they hold; the measured queries' own rare words are still new).
  const warm = WARM > 0 ? (OWN ? queryMix(WARM) : await sampledMix(ctx, WARM)) : [];
  const service = [];
  const floor = [];
  for (const m of [...mix.slice(0, 10), ...warm])
    await search(ctx, {
      q: m.q,
      org: m.org ?? null,
      children: false,
      column: null,
      category: null,
      year: m.year ?? null,
      docType: null,
      validity: null,
      sort: 'relevance',
      page: 1,
    });
  for (const m of mix) {
    const input = {
      q: m.q,
      org: m.org ?? null,
      children: false,
      column: null,
      category: null,
      year: m.year ?? null,
      docType: null,
      validity: null,
      sort: 'relevance',
      page: 1,
    };
    let s = performance.now();
    await search(ctx, input);
    service.push(performance.now() - s);
    const plan = planQuery(seg, m.q);
    s = performance.now();
    await index.bare(
      ctx.db,
      {
        groups: plan.groups,
        key: plan.key,
        filters: {
          orgIds: null,
          columnId: null,
          category: null,
          year: null,
          docType: null,
          validity: null,
        },
      },
      21,
    );
    floor.push(performance.now() - s);
  }
  const f = (x) => x.toFixed(1);
  const loadAfter = os.loadavg()[0];
  console.log(`\n### ${label}: ${items.toLocaleString('en')} items, ${mix.length} queries`);
  console.log(
    `warm-up: ${10 + warm.length} untimed queries (the mix's first 10, ${warm.length} others)`,
  );
  console.log(
    `load average (1 min) ${loadBefore.toFixed(1)} before the queries, ${loadAfter.toFixed(1)} after, on ${os.cpus().length} CPUs`,
  );
  console.log(
    `index build: ${buildS === null ? 'not rebuilt' : `${buildS.toFixed(1)} s (${Math.round(items / buildS)} items/s)`}; index size: ${size === null ? 'n/a' : `${(size / 1024 / 1024).toFixed(1)} MB`}${database.file ? `; database file ${(fs.statSync(database.file).size / 1024 / 1024).toFixed(1)} MB` : ''}`,
  );
  console.log('| measure | p50 ms | p95 ms | p99 ms |\n| --- | --- | --- | --- |');
  console.log(
    `| search service (rank + facets + snippets) | ${f(pct(service, 50))} | ${f(pct(service, 95))} | ${f(pct(service, 99))} |`,
  );
  console.log(
    `| bare index query (floor) | ${f(pct(floor, 50))} | ${f(pct(floor, 95))} | ${f(pct(floor, 99))} |`,
  );
  for (const kind of ['short', 'word', 'long', 'multi', 'docnum', 'filtered']) {
    const xs = service.filter((_, i) => mix[i].kind === kind);
    console.log(
      `| · ${kind} (service) | ${f(pct(xs, 50))} | ${f(pct(xs, 95))} | ${f(pct(xs, 99))} |`,
    );
  }
  // The slowest queries, to see what the tail is made of (stderr: not part of the figures).
  const slow = service
    .map((ms, i) => ({ ms, floor: floor[i], ...mix[i] }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10);
  for (const x of slow)
    console.error(
      `[${label}] slow: ${f(x.ms)} ms (floor ${f(x.floor)}) ${x.kind} ${JSON.stringify(x.q)}${x.org ? ` org ${x.org} year ${x.year}` : ''}`,
    );
  await database.close();
}

if (!OWN) {
  // The shared dataset (issue 8), built on first use.
  const { ensureBenchDataset } = await import('../src/bench/dataset.ts');
  const targets = flag('sqlite-only')
    ? ['sqlite']
    : flag('pg-only')
      ? ['postgres']
      : ['sqlite', 'postgres'];
  for (const target of targets) {
    const { databaseUrl, manifest } = await ensureBenchDataset(target, { scale: SCALE });
    console.error(`[${target}] dataset: ${manifest.counts.items} items, built ${manifest.builtAt}`);
    await runOn(
      target === 'sqlite' ? 'SQLite FTS5' : 'PostgreSQL tsvector + GIN',
      databaseUrl,
      undefined,
    );
  }
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-bench-search-'));
  if (!flag('pg-only')) await runOn('SQLite FTS5', `sqlite:${path.join(dir, 'bench.sqlite')}`);
  if (PG_URL && SCHEMA) {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await c.end();
    await runOn('PostgreSQL tsvector + GIN', PG_URL, SCHEMA);
  } else if (PG_URL) {
    const schema = `gk_bench_${crypto.randomBytes(4).toString('hex')}`;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    try {
      await runOn('PostgreSQL tsvector + GIN', PG_URL, schema);
    } finally {
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
