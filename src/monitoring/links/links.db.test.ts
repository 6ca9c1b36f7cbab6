import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestOrg } from '../../../test/factories.js';
import type { AppContext } from '../../platform/context.js';
import { describeEachDb } from '../../platform/db/test-helper.js';
import { buildJobRegistry } from '../../platform/jobs/all-jobs.js';
import { page, serveSite, type LocalSite } from './local-site.js';
import { findingsOf, latestRuns, pruneFindings } from './links.repository.js';
import { enqueueLinkChecks, ORG_JOB, portalUrl, runOrgLinkCheck } from './links.service.js';

let site: LocalSite;

beforeAll(async () => {
  site = await serveSite({
    '/LK1/': { body: page('<a href="list.html">通知公告</a><a href="/LK2/">兄弟单位</a>') },
    '/LK1/list.html': { body: page('<a href="gone.html">旧通知</a><img src="/static/x.png">') },
    '/LK2/': { body: page('<a href="never.html">不应读取</a>') },
  });
});

afterAll(async () => {
  await site.close();
});

function withPublicUrl(ctx: AppContext, publicUrl: string | undefined): AppContext {
  return { ...ctx, config: Object.freeze({ ...ctx.config, publicUrl }) };
}

describeEachDb('link checks', (get) => {
  it('builds the portal address of an org from PUBLIC_URL', () => {
    expect(portalUrl('https://gk.example.gov.cn/site', 'A01').href).toBe(
      'https://gk.example.gov.cn/site/A01/',
    );
  });

  it('skips the scheduled check when PUBLIC_URL is not configured', async () => {
    expect(await enqueueLinkChecks(withPublicUrl(get(), undefined))).toBe(0);
  });

  it('queues one check per org and day', async () => {
    const ctx = withPublicUrl(get(), site.url);
    await createTestOrg(ctx, { code: 'LK1' });
    await createTestOrg(ctx, { code: 'LK2' });
    expect(await enqueueLinkChecks(ctx)).toBe(2);
    expect(await enqueueLinkChecks(ctx)).toBe(0);
    const jobs = await ctx.db
      .selectFrom('jobs')
      .select('name')
      .where('name', '=', ORG_JOB)
      .execute();
    expect(jobs).toHaveLength(2);
    expect(buildJobRegistry().names()).toEqual(
      expect.arrayContaining(['monitoring.links', ORG_JOB]),
    );
  });

  it('crawls an org portal within its own path and stores the broken links', async () => {
    const ctx = withPublicUrl(get(), site.url);
    const org = await ctx.db
      .selectFrom('orgs')
      .select('id')
      .where('code', '=', 'LK1')
      .executeTakeFirstOrThrow();
    const result = await runOrgLinkCheck(ctx, { orgId: org.id }, { crawl: { retryBaseMs: 1 } });
    expect(result?.summary.pages).toBe(2);
    expect(site.hits.has('GET /LK2/never.html')).toBe(false);
    const [run] = await latestRuns(ctx.db, org.id);
    expect(run).toMatchObject({
      status: 'done',
      pages: 2,
      broken_on_home: 0,
      broken_on_other_pages: 2,
    });
    const findings = await findingsOf(ctx.db, run?.id ?? 0);
    expect(
      findings.map((f) => [f.url.replace(site.url, '/'), f.text, f.status, f.on_home]),
    ).toEqual([
      ['/LK1/gone.html', '旧通知', '404', 0],
      ['/static/x.png', '', '404', 0],
    ]);
  });

  it('keeps the findings of the latest runs only', async () => {
    const ctx = withPublicUrl(get(), site.url);
    const org = await ctx.db
      .selectFrom('orgs')
      .select('id')
      .where('code', '=', 'LK1')
      .executeTakeFirstOrThrow();
    await runOrgLinkCheck(ctx, { orgId: org.id }, { crawl: { retryBaseMs: 1 } });
    expect(await pruneFindings(ctx.db, org.id, 1)).toBe(2);
    const runs = await latestRuns(ctx.db, org.id);
    expect(runs).toHaveLength(2);
    expect(await findingsOf(ctx.db, runs[1]?.id ?? 0)).toEqual([]);
    expect(await findingsOf(ctx.db, runs[0]?.id ?? 0)).toHaveLength(2);
  });
});
