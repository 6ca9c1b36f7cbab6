import type { FastifyPluginAsync } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import type { AppContext } from '../platform/context.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { sendPage } from '../platform/views/render.js';
import { parseLetterKind, type LetterKind } from './letters.model.js';
import { LetterError } from './letters.templates.js';
import { bodyOf, staffBase } from './staff.http.js';
import {
  currentTemplate,
  listTemplates,
  saveLetterSettings,
  saveTemplate,
} from './templates.service.js';
import { TemplateEditPage, TemplateListPage } from './templates.views.js';

type KindParams = { Params: { code: string; kind: string } };

function kindOf(value: string): LetterKind {
  const kind = parseLetterKind(value);
  if (!kind) throw new NotFoundError('ERR_LETTER_KIND', '没有这类告知书。');
  return kind;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const orNull = (v: unknown): string | null => str(v).trim() || null;

/**
 * /admin/orgs/:code/letter-templates: the template each letter uses now, a form to save a new
 * version (validateTemplate; errors re-render with 400), and the org's letter settings.
 */
export const templatesRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get<{ Params: { code: string }; Querystring: { saved?: string } }>(
    '/admin/orgs/:code/letter-templates',
    async (request, reply) => {
      const actor = requireActor(request);
      const r = await listTemplates(ctx, actor, request.params.code);
      return sendPage(
        reply,
        <TemplateListPage
          {...staffBase(actor, reply, request, r.org)}
          items={r.items}
          settings={r.settings}
          saved={request.query.saved === '1'}
        />,
      );
    },
  );

  app.post<{ Params: { code: string } }>(
    '/admin/orgs/:code/letter-templates/settings',
    async (request, reply) => {
      const actor = requireActor(request);
      const b = bodyOf(request);
      await saveLetterSettings(ctx, actor, request.params.code, {
        review_body: orNull(b.review_body)?.slice(0, 200) ?? null,
        court: orNull(b.court)?.slice(0, 200) ?? null,
        letter_prefix: orNull(b.letter_prefix)?.slice(0, 40) ?? null,
      });
      return reply.redirect(`/admin/orgs/${request.params.code}/letter-templates?saved=1`, 303);
    },
  );

  app.get<KindParams>('/admin/orgs/:code/letter-templates/:kind', async (request, reply) => {
    const actor = requireActor(request);
    const kind = kindOf(request.params.kind);
    const template = await currentTemplate(ctx, actor, request.params.code, kind);
    const { org } = await listTemplates(ctx, actor, request.params.code);
    return sendPage(
      reply,
      <TemplateEditPage
        {...staffBase(actor, reply, request, org)}
        kind={kind}
        template={template}
      />,
    );
  });

  app.post<KindParams>('/admin/orgs/:code/letter-templates/:kind', async (request, reply) => {
    const actor = requireActor(request);
    const kind = kindOf(request.params.kind);
    const b = bodyOf(request);
    const values = { title: str(b.title), body: str(b.body) };
    try {
      await saveTemplate(ctx, actor, request.params.code, kind, values);
      return reply.redirect(`/admin/orgs/${request.params.code}/letter-templates?saved=1`, 303);
    } catch (err) {
      const problem =
        err instanceof ValidationError
          ? { errors: err.fields, code: err.code, message: err.message }
          : err instanceof LetterError
            ? { errors: { body: err.message }, code: err.code, message: err.message }
            : null;
      if (!problem) throw err;
      const template = await currentTemplate(ctx, actor, request.params.code, kind);
      const { org } = await listTemplates(ctx, actor, request.params.code);
      return sendPage(
        reply,
        <TemplateEditPage
          {...staffBase(actor, reply, request, org)}
          kind={kind}
          template={template}
          values={values}
          {...problem}
        />,
        400,
      );
    }
  });
};
