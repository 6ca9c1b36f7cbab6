import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { ValidationError } from '../platform/errors.js';
import { csrfToken } from '../platform/http/app.js';
import { sendPage } from '../platform/views/render.js';
import type { Finding } from './findings.model.js';
import { importPublishedReport } from './report.figures.js';
import { ImportPage } from './report.forms.views.js';
import { orgForReports } from './reports.service.js';

type OrgParams = { Params: { code: string } };
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * /admin/orgs/:code/reports/import: uploading a report published before the platform was used
 * (gongkai-annual-report JSON, as a file or pasted), for the cross-year checks (EXCHANGE.md §1.5).
 */
export const importRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_BYTES, files: 1, fields: 5, fieldSize: MAX_BYTES },
    async onFile(part) {
      (part as unknown as { value: string }).value = (await part.toBuffer()).toString('utf8');
    },
  });

  async function page(
    request: FastifyRequest<OrgParams>,
    reply: FastifyReply,
    actor: Actor,
    extra: {
      errors?: Record<string, string>;
      code?: string;
      result?: { year: number; result: string; findings: Finding[] };
    },
    status = 200,
  ) {
    const org = await orgForReports(ctx, actor, request.params.code, 'read');
    const path = request.url.split('?')[0] ?? request.url;
    return sendPage(
      reply,
      <ImportPage actor={actor} csrf={csrfToken(reply)} path={path} org={org} {...extra} />,
      status,
    );
  }

  app.get<OrgParams>('/admin/orgs/:code/reports/import', (request, reply) =>
    page(request, reply, requireActor(request), {}),
  );

  app.post<OrgParams>('/admin/orgs/:code/reports/import', async (request, reply) => {
    const actor = requireActor(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = [body.file, body.json].find(
      (v): v is string => typeof v === 'string' && v.trim() !== '',
    );
    try {
      if (!text)
        throw new ValidationError(
          { json: '请选择文件或粘贴文件内容' },
          undefined,
          'ERR_REPORT_IMPORT_EMPTY',
        );
      let doc: unknown;
      try {
        doc = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
      } catch (err) {
        throw new ValidationError(
          { json: `不是有效的 JSON：${err instanceof Error ? err.message : String(err)}` },
          undefined,
          'ERR_IMPORT_JSON',
        );
      }
      const result = await importPublishedReport(ctx, actor, request.params.code, doc);
      return page(request, reply, actor, { result });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      // Paths inside the document are listed against the text field, which holds the document.
      const errors = {
        json: Object.entries(err.fields)
          .map(([k, v]) => (k === 'json' ? v : `${k}：${v}`))
          .join('；'),
      };
      return page(request, reply, actor, { errors, code: err.code }, 400);
    }
  });
};
