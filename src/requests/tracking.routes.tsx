import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { NotFoundError } from '../platform/errors.js';
import { csrfToken } from '../platform/http/app.js';
import { sendPage } from '../platform/views/render.js';
import type { Org } from '../orgs/orgs.model.js';
import { findOrg } from '../orgs/orgs.service.js';
import { toPortalOrg } from '../portal/portal.presenter.js';
import { findTracked, trackedFile, trackedLetter, trackingView } from './tracking.service.js';
import { TrackFormPage, TrackViewPage } from './tracking.views.js';

type OrgParams = { Params: { org: string } };
const TRACK_COOKIE = 'gk_track';
const TRACK_MINUTES = 30;
const NOT_FOUND_MESSAGE = '受理编号或查询码不正确，请核对后重新输入。';

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

/** `Content-Disposition: attachment` with the UTF-8 file name (RFC 6266 / 5987). */
export function attachment(
  reply: FastifyReply,
  filename: string,
  type: string,
  data: Buffer | string,
) {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', type)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(data);
}

/**
 * /{org}/track: the applicant enters 受理编号 and 查询码 (rate limited); a match sets a short-lived
 * signed cookie and redirects to the case (post → redirect → get), whose letters and provided
 * files download as attachments. Wrong and unknown pairs get the same page.
 */
export const trackingRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  async function orgOr404(code: string): Promise<Org> {
    const org = await findOrg(ctx, code);
    if (!org) throw new NotFoundError('ERR_ORG_NOT_FOUND', '您访问的单位网站不存在，请检查网址。');
    return org;
  }

  /** The tracked application id from the signed cookie, for this org. */
  function trackedId(request: FastifyRequest, org: string): number | null {
    const raw = request.cookies[TRACK_COOKIE];
    if (!raw) return null;
    const u = request.unsignCookie(raw);
    if (!u.valid || !u.value) return null;
    const [o, id, exp] = u.value.split('|');
    if (o !== org || !(Number(exp) > ctx.now().getTime())) return null;
    return Number(id);
  }

  function requireTracked(request: FastifyRequest, org: string): number {
    const id = trackedId(request, org);
    if (id === null)
      throw new NotFoundError('ERR_TRACK_EXPIRED', '查询已过期，请重新输入受理编号和查询码。');
    return id;
  }

  app.get<OrgParams>('/:org/track', async (request, reply) => {
    const org = await orgOr404(request.params.org);
    return sendPage(
      reply,
      <TrackFormPage
        org={toPortalOrg(org)}
        elderMode={request.elderMode}
        path={pathOf(request)}
        csrf={csrfToken(reply)}
      />,
    );
  });

  app.post<OrgParams & { Body: { ref?: unknown; code?: unknown } }>(
    '/:org/track',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const org = await orgOr404(request.params.org);
      const ref = typeof request.body?.ref === 'string' ? request.body.ref.trim() : '';
      const code = typeof request.body?.code === 'string' ? request.body.code.trim() : '';
      const errors: Record<string, string> = {};
      if (!ref) errors.ref = '请填写受理编号';
      if (!code) errors.code = '请填写查询码';
      const id = ref && code ? await findTracked(ctx, org.code, ref, code) : null;
      if (id === null) {
        const page = (
          <TrackFormPage
            org={toPortalOrg(org)}
            elderMode={request.elderMode}
            path={pathOf(request)}
            csrf={csrfToken(reply)}
            appRef={ref}
            errors={errors}
            code={Object.keys(errors).length ? 'ERR_VALIDATION' : 'ERR_TRACK_NOT_FOUND'}
            message={Object.keys(errors).length ? undefined : NOT_FOUND_MESSAGE}
          />
        );
        return sendPage(reply, page, 400);
      }
      const exp = ctx.now().getTime() + TRACK_MINUTES * 60_000;
      reply.setCookie(TRACK_COOKIE, `${org.code}|${id}|${exp}`, {
        path: `/${org.code}/track`,
        signed: true,
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.secureCookies,
        maxAge: TRACK_MINUTES * 60,
      });
      return reply.redirect(`/${org.code}/track/case`, 303);
    },
  );

  app.get<OrgParams>('/:org/track/case', async (request, reply) => {
    const org = await orgOr404(request.params.org);
    const id = trackedId(request, org.code);
    const view = id === null ? null : await trackingView(ctx, org.code, id);
    if (!view) return reply.redirect(`/${org.code}/track`, 303);
    reply.header('cache-control', 'private, no-store');
    return sendPage(
      reply,
      <TrackViewPage
        org={toPortalOrg(org)}
        elderMode={request.elderMode}
        path={pathOf(request)}
        view={view}
      />,
    );
  });

  app.get<{ Params: { org: string; id: string; ext: string } }>(
    '/:org/track/letters/:id.:ext',
    async (request, reply) => {
      const org = await orgOr404(request.params.org);
      const appId = requireTracked(request, org.code);
      const letter = await trackedLetter(ctx, appId, Number(request.params.id) || 0);
      if (!letter) throw new NotFoundError('ERR_LETTER_NOT_FOUND', '该告知书不存在。');
      if (request.params.ext === 'docx' && letter.docx)
        return attachment(
          reply,
          `${letter.title}.docx`,
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          letter.docx,
        );
      if (request.params.ext === 'html')
        return attachment(reply, `${letter.title}.html`, 'text/html; charset=utf-8', letter.html);
      throw new NotFoundError('ERR_LETTER_NOT_FOUND', '该告知书不存在。');
    },
  );

  app.get<{ Params: { org: string; id: string } }>(
    '/:org/track/files/:id',
    async (request, reply) => {
      const org = await orgOr404(request.params.org);
      const appId = requireTracked(request, org.code);
      const file = await trackedFile(ctx, appId, Number(request.params.id) || 0);
      if (!file) throw new NotFoundError('ERR_FILE_NOT_FOUND', '该文件不存在。');
      return attachment(reply, file.filename, file.media_type, file.data);
    },
  );
};
