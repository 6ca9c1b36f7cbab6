import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { chinaDate } from '../platform/time.js';
import { sendPage } from '../platform/views/render.js';
import { buildOrgTree, formatIndexNo, type Org } from '../orgs/orgs.model.js';
import { listOrgs, parentOf } from '../orgs/orgs.service.js';
import { portalFeedRoutes } from './feeds.routes.js';
import { GuidePage } from './guide.views.js';
import { installPortalCache } from './page-cache.js';
import { portalItemRoutes } from './items.routes.js';
import { orgHomeData, orgOr404 as findOrgOr404, portalNav } from './portal.service.js';
import { OrgHomePage, PlatformHomePage } from './portal.views.js';

type OrgParams = { Params: { org: string } };

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

/**
 * Public portal: the platform home, each org's home, its 政府信息公开指南, its columns, items and
 * 政策文件 library, feeds and sitemaps. URLs are `/{org-code}/…` and stay stable once
 * published; codes never collide with platform paths.
 */
export const portalRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const orgOr404 = (code: string): Promise<Org> => findOrgOr404(ctx, code);
  // Page cache with cross-process invalidation, ETag/Last-Modified and 304 (page-cache.ts).
  // Pages differ by the 长辈版 cookie (Vary: Cookie) and are revalidated on every use.
  installPortalCache(app, ctx);
  await app.register(portalItemRoutes, { ctx });
  await app.register(portalFeedRoutes, { ctx });

  app.get('/', async (request, reply) => {
    const orgs = await listOrgs(ctx);
    return sendPage(
      reply,
      <PlatformHomePage tree={buildOrgTree(orgs)} elderMode={request.elderMode} path="/" />,
    );
  });

  app.get<OrgParams>('/:org', async (request, reply) => {
    const org = await orgOr404(request.params.org);
    return reply.redirect(`/${org.code}/`, 301);
  });

  app.get<OrgParams>('/:org/', async (request, reply) => {
    const org = await orgOr404(request.params.org);
    const all = await listOrgs(ctx);
    const page = (
      <OrgHomePage
        org={org}
        parent={await parentOf(ctx, org)}
        children={all.filter((o) => o.parentId === org.id)}
        home={await orgHomeData(ctx, org)}
        nav={await portalNav(ctx, org)}
        elderMode={request.elderMode}
        path={pathOf(request)}
      />
    );
    return sendPage(reply, page);
  });

  app.get<OrgParams>('/:org/guide', async (request, reply) => {
    const org = await orgOr404(request.params.org);
    let indexExample: string;
    try {
      indexExample = formatIndexNo(
        org.indexTemplate,
        org,
        chinaDate(ctx.now()),
        1,
        org.indexTemplate.category === 'none' ? null : 'art20-01',
      );
    } catch {
      indexExample = '（本机关索引号规则尚未设置完整）';
    }
    const page = (
      <GuidePage
        org={org}
        parent={await parentOf(ctx, org)}
        elderMode={request.elderMode}
        path={pathOf(request)}
        indexExample={indexExample}
        nav={await portalNav(ctx, org)}
      />
    );
    return sendPage(reply, page);
  });
};
