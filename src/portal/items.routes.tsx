import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { NotFoundError } from '../platform/errors.js';
import { sendPage } from '../platform/views/render.js';
import { ColumnPage } from './column.views.js';
import { contentDisposition } from './feeds.js';
import { ItemPage, itemMeta, WithdrawnPage } from './item.views.js';
import { PolicyLibraryPage } from './policies.views.js';
import { PrintItemPage } from './print.views.js';
import { pageQuerySchema, parsePolicyQuery } from './portal.schema.js';
import {
  columnPageData,
  itemPageData,
  orgOr404,
  policyLibraryData,
  portalNav,
  publicAttachment,
} from './portal.service.js';

/** Host name of the site, for the SiteDomain meta tag. */
export function siteDomain(ctx: AppContext, request: FastifyRequest): string {
  return ctx.config.publicUrl ? new URL(ctx.config.publicUrl).host : request.host;
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

/**
 * Public catalogue pages of an org: columns with paging, item pages (with print view and
 * withdrawal notices), attachment downloads and the 政策文件 library.
 */
export const portalItemRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get<{ Params: { org: string; code: string }; Querystring: unknown }>(
    '/:org/columns/:code',
    async (request, reply) => {
      const org = await orgOr404(ctx, request.params.org);
      if (request.params.code === 'guide') return reply.redirect(`/${org.code}/guide`, 301);
      const { page } = pageQuerySchema.parse(request.query ?? {});
      const data = await columnPageData(ctx, org, request.params.code, page);
      return sendPage(
        reply,
        <ColumnPage
          org={org}
          nav={await portalNav(ctx, org)}
          {...data}
          page={page}
          elderMode={request.elderMode}
          path={pathOf(request)}
        />,
      );
    },
  );

  app.get<{ Params: { org: string; id: string }; Querystring: unknown }>(
    '/:org/items/:id',
    async (request, reply) => {
      const org = await orgOr404(ctx, request.params.org);
      const data = await itemPageData(ctx, org, request.params.id);
      const nav = await portalNav(ctx, org);
      const path = pathOf(request);
      if (data.kind === 'withdrawn') {
        return sendPage(
          reply,
          <WithdrawnPage
            org={org}
            nav={nav}
            notice={data.notice}
            elderMode={request.elderMode}
            path={path}
          />,
          410,
        );
      }
      const meta = itemMeta(org, siteDomain(ctx, request), data.item, data.column);
      const { print } = pageQuerySchema.parse(request.query ?? {});
      if (print === '1') {
        return sendPage(
          reply,
          <PrintItemPage
            org={org}
            item={data.item}
            meta={meta}
            elderMode={request.elderMode}
            itemHref={data.item.href}
          />,
        );
      }
      return sendPage(
        reply,
        <ItemPage
          org={org}
          nav={nav}
          item={data.item}
          column={data.column}
          meta={meta}
          elderMode={request.elderMode}
          path={path}
        />,
      );
    },
  );

  const download = async (
    request: FastifyRequest<{ Params: { org: string; id: string } }>,
    reply: import('fastify').FastifyReply,
  ) => {
    const org = await orgOr404(ctx, request.params.org);
    if (!/^\d{1,15}$/.test(request.params.id))
      throw new NotFoundError('ERR_ATTACHMENT_NOT_FOUND', '您访问的附件不存在或未公开。');
    const file = await publicAttachment(ctx, org, Number(request.params.id));
    return reply
      .header('content-type', file.mediaType)
      .header('content-disposition', contentDisposition(file.filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=3600')
      .header('content-length', file.size)
      .send(file.data);
  };
  app.get<{ Params: { org: string; id: string } }>('/:org/attachments/:id', download);
  // The same download with a readable last segment (body images link here); the name is ignored.
  app.get<{ Params: { org: string; id: string; name: string } }>(
    '/:org/attachments/:id/:name',
    download,
  );

  app.get<{ Params: { org: string }; Querystring: unknown }>(
    '/:org/policies',
    async (request, reply) => {
      const org = await orgOr404(ctx, request.params.org);
      const { page, filters } = parsePolicyQuery(request.query);
      const data = await policyLibraryData(ctx, org, filters, page);
      return sendPage(
        reply,
        <PolicyLibraryPage
          org={org}
          nav={await portalNav(ctx, org)}
          filters={filters}
          {...data}
          page={page}
          elderMode={request.elderMode}
          path={pathOf(request)}
        />,
      );
    },
  );
};
