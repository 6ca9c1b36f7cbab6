import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../platform/context.js';
import { NotFoundError } from '../platform/errors.js';
import { listOrgs } from '../orgs/orgs.service.js';
import { robotsTxt, rssFeed, sitemapIndex, sitemapUrlset } from './feeds.js';
import { itemHref } from './portal.presenter.js';
import {
  countPublicByOrg,
  listColumns,
  listPublicItems,
  sitemapItems,
} from './portal.repository.js';
import { columnHref, orgOr404, scopeOf } from './portal.service.js';

/** Items per sitemap file (sitemaps.org allows 50,000). */
export const SITEMAP_PART_SIZE = 40_000;
/** Entries of a column feed. */
export const FEED_SIZE = 50;

/** Absolute base URL of the site: PUBLIC_URL, else the request's own. */
export function baseUrl(ctx: AppContext, request: FastifyRequest): string {
  const configured = ctx.config.publicUrl?.replace(/\/+$/, '');
  return configured ?? `${request.protocol}://${request.host}`;
}

const partQuery = z.object({
  part: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

/**
 * Feeds and crawler files: RSS 2.0 per column, /sitemap.xml (an index of every org's sitemap,
 * split in parts of 40,000 items), each org's /{org}/sitemap.xml and /robots.txt.
 */
export const portalFeedRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get<{ Params: { org: string; code: string } }>(
    '/:org/columns/:code/feed.xml',
    async (request, reply) => {
      const org = await orgOr404(ctx, request.params.org);
      const all = await listColumns(ctx.db, org.id);
      const column = all.find((c) => c.code === request.params.code);
      if (!column) throw new NotFoundError('ERR_COLUMN_NOT_FOUND', '您访问的栏目不存在。');
      const base = baseUrl(ctx, request);
      const rows = await listPublicItems(ctx.db, org.id, scopeOf(column, all), FEED_SIZE);
      const xml = rssFeed({
        title: `${org.name} - ${column.name}`,
        url: base + columnHref(org.code, column.code),
        selfUrl: `${base}/${org.code}/columns/${column.code}/feed.xml`,
        description: `${org.name}政府信息公开“${column.name}”栏目`,
        entries: rows.map((r) => ({
          title: r.title,
          url: base + itemHref(org.code, r.id),
          publishedOn: r.published_on ?? r.formed_on,
          description: r.summary,
        })),
      });
      return reply.type('application/rss+xml; charset=utf-8').send(xml);
    },
  );

  app.get('/sitemap.xml', async (request, reply) => {
    const base = baseUrl(ctx, request);
    const counts = await countPublicByOrg(ctx.db);
    const locs: string[] = [];
    for (const org of await listOrgs(ctx)) {
      const parts = Math.max(1, Math.ceil((counts.get(org.id) ?? 0) / SITEMAP_PART_SIZE));
      for (let p = 1; p <= parts; p++)
        locs.push(`${base}/${org.code}/sitemap.xml${p > 1 ? `?part=${p}` : ''}`);
    }
    return reply.type('application/xml; charset=utf-8').send(sitemapIndex(locs));
  });

  app.get<{ Params: { org: string }; Querystring: unknown }>(
    '/:org/sitemap.xml',
    async (request, reply) => {
      const org = await orgOr404(ctx, request.params.org);
      const { part } = partQuery.parse(request.query ?? {});
      const base = baseUrl(ctx, request);
      const urls: Array<{ loc: string; lastmod?: string }> = [];
      if (part === 1) {
        urls.push({ loc: `${base}/${org.code}/` }, { loc: `${base}/${org.code}/policies` });
        const columns = await listColumns(ctx.db, org.id);
        if (!columns.some((c) => c.code === 'guide'))
          urls.push({ loc: `${base}/${org.code}/guide` });
        for (const c of columns) urls.push({ loc: base + columnHref(org.code, c.code) });
      }
      const items = await sitemapItems(
        ctx.db,
        org.id,
        SITEMAP_PART_SIZE,
        (part - 1) * SITEMAP_PART_SIZE,
      );
      if (part > 1 && items.length === 0)
        throw new NotFoundError('ERR_NOT_FOUND', '您访问的页面不存在。');
      for (const i of items)
        urls.push({ loc: base + itemHref(org.code, i.id), lastmod: i.updated_at.slice(0, 10) });
      return reply.type('application/xml; charset=utf-8').send(sitemapUrlset(urls));
    },
  );

  app.get('/robots.txt', async (request, reply) =>
    reply.type('text/plain; charset=utf-8').send(robotsTxt(baseUrl(ctx, request))),
  );
};
