import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { randomToken } from '../platform/crypto/sm.js';
import { AppError, NotFoundError, ValidationError } from '../platform/errors.js';
import { csrfToken } from '../platform/http/app.js';
import { chinaDate } from '../platform/time.js';
import { sendPage } from '../platform/views/render.js';
import type { Org } from '../orgs/orgs.model.js';
import { findOrg } from '../orgs/orgs.service.js';
import { toPortalOrg } from '../portal/portal.presenter.js';
import { parseApplicationForm, publicFormSchema } from './applications.schema.js';
import { IntakeGuard, newChallenge, solvesChallenge } from './intake.guard.js';
import {
  applicantLimitKey,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_FILES,
  checkUploads,
  openReceipt,
  sealReceipt,
  submitOnline,
  type RawUpload,
} from './intake.service.js';
import { ApplyPage, ReceiptPage, type ApplyFormValues } from './intake.views.js';

type OrgParams = { Params: { org: string } };
const RECEIPT_COOKIE = 'gk_receipt';

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

/** Text fields of the multipart body (files are handled apart). */
function textValues(body: Record<string, unknown>): ApplyFormValues {
  const out: ApplyFormValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v as string[];
  }
  return out;
}

function uploadsOf(body: Record<string, unknown>): RawUpload[] {
  const v = body.attachments;
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is RawUpload => typeof x === 'object' && x !== null && 'filename' in x);
}

/**
 * The public application form /{org}/apply and its one-time receipt (条例第二十九条). Multipart
 * (attachments), CSRF-protected, without JavaScript; abuse control by intake.guard.ts plus a hard
 * per-address cap from @fastify/rate-limit.
 */
export const intakeRoutes: FastifyPluginAsync<{ ctx: AppContext; guard?: IntakeGuard }> = async (
  app,
  opts,
) => {
  const { ctx } = opts;
  const guard = opts.guard ?? new IntakeGuard();
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: {
      fileSize: ATTACHMENT_MAX_BYTES,
      files: ATTACHMENT_MAX_FILES + 2,
      fields: 40,
      fieldSize: 64 * 1024,
    },
    async onFile(part) {
      try {
        const data = await part.toBuffer();
        (part as unknown as { value: RawUpload }).value = { filename: part.filename, data };
      } catch {
        part.file.resume();
        (part as unknown as { value: RawUpload }).value = {
          filename: part.filename,
          data: null,
          tooLarge: true,
        };
      }
    },
  });

  async function orgOr404(code: string): Promise<Org> {
    const org = await findOrg(ctx, code);
    if (!org) throw new NotFoundError('ERR_ORG_NOT_FOUND', '您访问的单位网站不存在，请检查网址。');
    return org;
  }

  function form(
    request: FastifyRequest,
    reply: FastifyReply,
    org: Org,
    extra: {
      values?: ApplyFormValues;
      errors?: Record<string, string>;
      code?: string;
      message?: string;
      challenge?: boolean;
    },
    status = 200,
  ) {
    const token =
      typeof extra.values?.submission_token === 'string'
        ? extra.values.submission_token
        : randomToken(24);
    const page = (
      <ApplyPage
        org={toPortalOrg(org)}
        elderMode={request.elderMode}
        path={pathOf(request)}
        csrf={csrfToken(reply)}
        token={token}
        values={extra.values ?? {}}
        errors={extra.errors}
        code={extra.code}
        message={extra.message}
        challenge={extra.challenge ? newChallenge(ctx.sessionSecret, ctx.now().getTime()) : null}
      />
    );
    return sendPage(reply, page, status);
  }

  app.get<OrgParams>('/:org/apply', async (request, reply) => {
    const org = await orgOr404(request.params.org);
    reply.header('cache-control', 'no-store');
    return form(request, reply, org, {});
  });

  app.post<OrgParams>(
    '/:org/apply',
    { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const org = await orgOr404(request.params.org);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = textValues(body);
      if (typeof values.website === 'string' && values.website !== '') {
        // A bot filled the honeypot: nothing is stored, and the answer says little.
        return form(
          request,
          reply,
          org,
          { values, code: 'ERR_HONEYPOT', message: '提交未被接受，请刷新页面后重新填写。' },
          400,
        );
      }
      const today = chinaDate(ctx.now());
      let parsed;
      let files;
      try {
        parsed = parseApplicationForm(publicFormSchema(today), values, today, true);
        files = await checkUploads(uploadsOf(body));
      } catch (err) {
        if (err instanceof ValidationError)
          return form(request, reply, org, { values, errors: err.fields, code: err.code }, 400);
        throw err;
      }
      const now = ctx.now().getTime();
      const applicantKey = applicantLimitKey(ctx, parsed.application.applicant);
      const verdict = guard.check(request.ip, applicantKey, now);
      if (verdict === 'refuse')
        throw new AppError(
          'ERR_RATE_LIMITED',
          429,
          '提交过于频繁，请稍后再试，或通过信函、当面等方式提出申请。',
        );
      if (verdict === 'challenge') {
        const token = typeof values.challenge_token === 'string' ? values.challenge_token : '';
        const answer = typeof values.challenge_answer === 'string' ? values.challenge_answer : '';
        if (!solvesChallenge(ctx.sessionSecret, token, answer, now)) {
          const errors: Record<string, string> =
            answer === '' ? {} : { challenge_answer: '答案不正确，请重新计算后填写' };
          const { challenge_answer: _a, challenge_token: _t, ...rest } = values;
          return form(
            request,
            reply,
            org,
            { values: rest, errors, code: 'ERR_CHALLENGE_REQUIRED', challenge: true },
            429,
          );
        }
      }
      const created = await submitOnline(ctx, org.code, parsed.application, parsed.token, files);
      if (!created.duplicate) guard.record(request.ip, applicantKey, now);
      reply.setCookie(
        RECEIPT_COOKIE,
        sealReceipt(ctx, { ref: created.ref, queryCode: created.queryCode, org: org.code }),
        {
          path: `/${org.code}/apply`,
          httpOnly: true,
          sameSite: 'lax',
          secure: ctx.config.secureCookies,
          maxAge: 600,
        },
      );
      reply.header('x-application-ref', created.ref);
      return reply.redirect(`/${org.code}/apply/receipt`, 303);
    },
  );

  app.get<OrgParams>('/:org/apply/receipt', async (request, reply) => {
    const org = await orgOr404(request.params.org);
    const receipt = openReceipt(ctx, request.cookies[RECEIPT_COOKIE]);
    // Shown once: the cookie is cleared as the page is sent.
    reply.clearCookie(RECEIPT_COOKIE, { path: `/${org.code}/apply` });
    reply.header('cache-control', 'no-store');
    const page = (
      <ReceiptPage
        org={toPortalOrg(org)}
        elderMode={request.elderMode}
        path={pathOf(request)}
        receipt={receipt && receipt.org === org.code ? receipt : null}
      />
    );
    return sendPage(reply, page);
  });
};
