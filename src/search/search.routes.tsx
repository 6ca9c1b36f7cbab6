import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requirePlatformAdmin } from '../accounts/guards.js';
import type { AppContext } from '../platform/context.js';
import { AppError, ValidationError } from '../platform/errors.js';
import { csrfToken } from '../platform/http/app.js';
import { parseInput, zodFieldErrors } from '../platform/validation.js';
import { sendPage } from '../platform/views/render.js';
import type { Org } from '../orgs/orgs.model.js';
import { orgOr404, portalNav } from '../portal/portal.service.js';
import { toPortalOrg } from '../portal/portal.presenter.js';
import { toApiResult, toSearchInput } from './search.presenter.js';
import { searchQuerySchema, wordFormSchema, type SearchQuery } from './search.schema.js';
import { search, type SearchResult } from './search.service.js';
import { SearchPage } from './search.views.js';
import { addWord, listVocabulary, removeWord } from './search.words.js';
import { WordsPage } from './words.views.js';

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

const EMPTY_QUERY: SearchQuery = { q: '', children: false, page: 1 };

/** The portal page: a query problem is shown beside the form, never as an error page. */
async function renderSearch(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  org: Org | null,
) {
  const parsed = searchQuerySchema.safeParse(request.query ?? {});
  const query = parsed.success
    ? parsed.data
    : { ...EMPTY_QUERY, q: String((request.query as { q?: unknown } | null)?.q ?? '') };
  let result: SearchResult | null = null;
  let message: { code: string; text: string } | null = null;
  if (!parsed.success) {
    const first = Object.values(zodFieldErrors(parsed.error))[0] ?? '检索条件有误';
    message = { code: 'ERR_VALIDATION', text: `检索条件有误：${first}。已清除筛选条件。` };
  } else if (query.q.trim() !== '') {
    try {
      result = await search(ctx, toSearchInput(query, org?.code ?? null));
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      message = { code: err.code, text: err.message };
    }
  }
  const page = (
    <SearchPage
      org={org ? toPortalOrg(org) : null}
      nav={org ? await portalNav(ctx, org) : undefined}
      action={org ? `/${org.code}/search` : '/search'}
      query={query}
      result={result}
      message={message}
      elderMode={request.elderMode}
      path={pathOf(request)}
    />
  );
  return sendPage(reply, page, message && message.code === 'ERR_ORG_NOT_FOUND' ? 404 : 200);
}

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  return request.body && typeof request.body === 'object'
    ? (request.body as Record<string, unknown>)
    : {};
}

/**
 * Search (issue 6): the portal page of every org site and of the platform (GET form, works
 * without JavaScript), `GET /api/v1/search`, and the vocabulary page for platform admins.
 */
export const searchRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/search', async (request, reply) => renderSearch(ctx, request, reply, null));

  app.get<{ Params: { org: string } }>('/:org/search', async (request, reply) =>
    renderSearch(ctx, request, reply, await orgOr404(ctx, request.params.org)),
  );

  app.get('/api/v1/search', async (request, reply) => {
    const query = parseInput(searchQuerySchema, request.query ?? {}, '检索参数有误。');
    const input = toSearchInput(query);
    const result = await search(ctx, input);
    return reply.send(toApiResult(input, result, ctx.config.publicUrl));
  });

  app.get<{ Querystring: { saved?: string } }>('/admin/search/words', async (request, reply) => {
    const actor = requirePlatformAdmin(request);
    const words = await listVocabulary(ctx, actor);
    return sendPage(
      reply,
      <WordsPage
        actor={actor}
        csrf={csrfToken(reply)}
        words={words}
        saved={request.query.saved === '1'}
      />,
    );
  });

  app.post('/admin/search/words', async (request, reply) => {
    const actor = requirePlatformAdmin(request);
    const raw = bodyOf(request);
    try {
      const { word } = parseInput(wordFormSchema, raw);
      await addWord(ctx, actor, word);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const words = await listVocabulary(ctx, actor);
      const page = (
        <WordsPage
          actor={actor}
          csrf={csrfToken(reply)}
          words={words}
          value={typeof raw.word === 'string' ? raw.word : ''}
          errors={err.fields}
        />
      );
      return sendPage(reply, page, 400);
    }
    return reply.redirect('/admin/search/words?saved=1', 303);
  });

  app.post<{ Params: { id: string } }>('/admin/search/words/:id/delete', async (request, reply) => {
    const actor = requirePlatformAdmin(request);
    const id = Number(request.params.id);
    if (Number.isInteger(id) && id > 0) await removeWord(ctx, actor, id);
    return reply.redirect('/admin/search/words?saved=1', 303);
  });
};
