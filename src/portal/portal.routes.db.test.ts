import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../platform/authz.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';
import { importExchange } from '../exchange/exchange.import.js';
import { sampleDocument } from '../exchange/exchange.fixtures.js';

describeEachDb('portal pages', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const ctx = get();
    await importExchange(ctx, systemActor('test'), sampleDocument());
    app = await buildApp(ctx);
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists hosted orgs grouped by hierarchy on the platform home', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/href="\/wzgxq\/"[^]*<ul class="org-tree">[^]*href="\/wzgxq-cz\/"/);
  });

  it('shows an org home with a link to its 公开指南', async () => {
    const res = await app.inject({ method: 'GET', url: '/wzgxq/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('温州高新区(经开区)管委会');
    expect(res.body).toContain('href="/wzgxq/guide"');
    const bare = await app.inject({ method: 'GET', url: '/wzgxq' });
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/wzgxq/');
  });

  it('generates the 政府信息公开指南 from the org data (条例第十二条)', async () => {
    const res = await app.inject({ method: 'GET', url: '/wzgxq/guide' });
    expect(res.statusCode).toBe(200);
    for (const text of [
      '政府信息公开指南',
      '主动公开',
      '依申请公开',
      '管委会办公室',
      '温州市瓯海区高新区管委会大楼',
      '0577-88888888',
      'gk@example.gov.cn',
      '325000',
      '11441700007280420Y/',
    ]) {
      expect(res.body).toContain(text);
    }
  });

  it('names the supervising org in a child org guide', async () => {
    const res = await app.inject({ method: 'GET', url: '/wzgxq-cz/guide' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('（温州高新区(经开区)管委会）');
  });

  it('answers 404 with a page for an unknown org', async () => {
    for (const url of ['/nope/', '/nope/guide', '/nope']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('ERR_ORG_NOT_FOUND');
    }
  });
});
