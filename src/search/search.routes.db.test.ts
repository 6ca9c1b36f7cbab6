import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestOrg,
  createTestUser,
  errorCode,
  postForm,
  signIn,
} from '../../test/factories.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../cli.js';
import type { CliIO } from '../cli/io.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { describeEachDb, testContext } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';
import { reindex } from './search.indexer.js';
import { insertItem } from './search.test-support.js';

const BAD_QUERIES = [
  '',
  '社',
  '社'.repeat(1000),
  '"社保',
  '社保*',
  'NEAR(社保 补贴)',
  '-社保 OR (补贴)',
  '社保\u0000\u0007\u001b补贴',
  'Привет 社保 مرحبا 😀',
  "' OR 1=1; --",
  '\\',
];

describeEachDb('search page, API and CLI', (get) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const ctx = get();
    app = await buildApp(ctx);
    const org = await createTestOrg(ctx, { code: 'gx', name: '温州高新区管委会' });
    await insertItem(ctx.db, org.id, {
      ref: 'r1',
      org: 'gx',
      title: '关于发放社保补贴的通知<script>',
      doc_number: '温高管〔2022〕1号',
      published_on: '2022-03-01',
      body: '企业可申请社保补贴 & 稳岗补贴。',
    });
    for (let i = 0; i < 8; i++)
      await insertItem(ctx.db, org.id, {
        ref: `f${i}`,
        org: 'gx',
        title: `道路养护第${i}标段招标公告`,
        published_on: '2021-01-01',
      });
    await reindex(ctx, null);
  });

  it('shows ranked results with highlighted, escaped titles on the org page', async () => {
    const res = await app.inject({ url: '/gx/search?q=社保补贴' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<mark>社保补贴</mark>');
    expect(res.body).not.toContain('通知<script>');
    expect(res.body).toContain('<label for="f-q"');
    expect(res.body).toContain('href="/gx/items/');
  });

  it('suggests dropping a filter when nothing is found', async () => {
    const res = await app.inject({ url: '/gx/search?q=社保补贴&year=2019' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-result-count="0"');
    expect(res.body).toContain('去掉条件');
  });

  it('answers bad queries on the page with a message, never an error page', async () => {
    for (const q of BAD_QUERIES) {
      const res = await app.inject({ url: `/search?q=${encodeURIComponent(q)}` });
      // U+0000 is refused for every route by the app (a clear 400 page, never a 500); other
      // control characters reach search and get a normal page.
      if (q.includes('\u0000')) expect(errorCode(res)).toBe('ERR_BAD_REQUEST');
      else expect(res.statusCode).toBe(200);
    }
    const ctl = await app.inject({
      url: `/search?q=${encodeURIComponent('社保\u0007\u001b补贴')}`,
    });
    expect(ctl.statusCode).toBe(200);
    const short = await app.inject({ url: '/gx/search?q=社' });
    expect(errorCode(short)).toBe('ERR_SEARCH_QUERY_TOO_SHORT');
    const long = await app.inject({ url: `/gx/search?q=${encodeURIComponent('社'.repeat(1000))}` });
    expect(errorCode(long)).toBe('ERR_SEARCH_QUERY_TOO_LONG');
    const badYear = await app.inject({ url: '/gx/search?q=社保&year=abcd&page=-1' });
    expect(errorCode(badYear)).toBe('ERR_VALIDATION');
    expect((await app.inject({ url: '/nope/search?q=社保' })).statusCode).toBe(404);
  });

  it('returns JSON results with facets from the API', async () => {
    const res = await app.inject({ url: '/api/v1/search?q=温高管[2022]1号&org=gx' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      total: number;
      results: Array<Record<string, unknown>>;
      facets: { year: unknown[] };
    };
    expect(body.results[0]).toMatchObject({
      ref: 'r1',
      doc_number: '温高管〔2022〕1号',
      url: expect.stringMatching(/^\/gx\/items\/\d+$/),
    });
    expect(Object.keys(body.results[0] ?? {})).toEqual(
      expect.arrayContaining([
        'ref',
        'index_no',
        'title',
        'doc_number',
        'published_on',
        'url',
        'snippet',
      ]),
    );
    expect(body.facets.year.length).toBeGreaterThan(0);
  });

  it('answers bad API input with 400 and a code, never 500', async () => {
    const codes: Record<string, string> = {
      '': 'ERR_SEARCH_QUERY_EMPTY',
      社: 'ERR_SEARCH_QUERY_TOO_SHORT',
      ['社'.repeat(1000)]: 'ERR_SEARCH_QUERY_TOO_LONG',
    };
    for (const [q, code] of Object.entries(codes)) {
      const res = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}` });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe(code);
    }
    for (const q of BAD_QUERIES.slice(3)) {
      const res = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}` });
      expect([200, 400]).toContain(res.statusCode);
    }
    const bad = await app.inject({ url: '/api/v1/search?q=社保&page=abc&sort=x' });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe('ERR_VALIDATION');
  });

  it('lets only platform admins manage the vocabulary', async () => {
    const ctx = get();
    const admin = await signIn(app, ctx, await createTestUser(ctx, { platformAdmin: true }));
    const added = await postForm(app, admin, '/admin/search/words', { word: '温高管' });
    expect(added.statusCode).toBe(303);
    const page = await app.inject({
      url: '/admin/search/words',
      headers: { cookie: admin.cookie },
    });
    expect(page.body).toContain('温高管');
    const bad = await postForm(app, admin, '/admin/search/words', { word: 'a b' });
    expect(bad.statusCode).toBe(400);
    const anonymous = await app.inject({ url: '/admin/search/words' });
    expect([302, 303, 401]).toContain(anonymous.statusCode);
  });
});

describe('gongkai search', () => {
  let url: string;
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: { DATABASE_URL: url, LOG_LEVEL: 'silent', DATA_KEY: '00112233445566778899aabbccddeeff' },
      readStdin: async () => '',
    };
    const code = await main(['search', ...args], io);
    return { code, out: out.join(''), err: err.join('') };
  };

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-search-'));
    url = `sqlite:${path.join(dir, 'db.sqlite')}`;
    const database = openDatabase(url);
    await migrateToLatest(database.db);
    const ctx = await testContext(database);
    const org = await createTestOrg(ctx, { code: 'cli-org', name: '某局' });
    await insertItem(ctx.db, org.id, {
      ref: 'c1',
      org: 'cli-org',
      title: '公积金贷款政策调整公告',
      doc_number: '某房〔2023〕2号',
      index_no: 'ABC/2023-00001',
      published_on: '2023-01-01',
    });
    await database.close();
  });

  it('rebuilds the index with progress on stderr', async () => {
    const r = await run(['reindex']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('已索引 1/1');
    // The whole catalogue: the index is finished after the last item, and that is said.
    expect(r.err.indexOf('正在整理检索索引')).toBeGreaterThan(r.err.indexOf('已索引 1/1'));
    expect(r.err.indexOf('完成：1 条信息')).toBeGreaterThan(r.err.indexOf('正在整理检索索引'));
  });

  it('prints ranked results as text and JSON', async () => {
    const text = await run(['cli-org', '公积金']);
    expect(text.code).toBe(0);
    expect(text.out).toContain('公积金贷款政策调整公告');
    const json = await run(['cli-org', '某房[2023]2号', '--format', 'json']);
    const body = JSON.parse(json.out) as { results: Array<Record<string, unknown>> };
    expect(body.results[0]).toEqual({
      ref: 'c1',
      index_no: 'ABC/2023-00001',
      title: '公积金贷款政策调整公告',
      doc_number: '某房〔2023〕2号',
      published_on: '2023-01-01',
      url: expect.stringMatching(/^\/cli-org\/items\/\d+$/),
    });
  });

  it('rejects bad queries with their codes and exit 1, never a crash', async () => {
    for (const [q, code] of [
      ['社', 'ERR_SEARCH_QUERY_TOO_SHORT'],
      ['社'.repeat(1000), 'ERR_SEARCH_QUERY_TOO_LONG'],
      ['', 'ERR_SEARCH_QUERY_EMPTY'],
    ]) {
      const r = await run(['cli-org', q ?? '']);
      expect(r.code).toBe(1);
      expect(r.err).toContain(code);
    }
    for (const q of BAD_QUERIES.slice(3)) expect([0, 1]).toContain((await run(['-', q])).code);
    expect((await run(['nope', '社保'])).err).toContain('ERR_ORG_NOT_FOUND');
    expect((await run(['cli-org'])).code).toBe(2);
  });
});
