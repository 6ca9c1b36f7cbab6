import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { chinaDate } from '../platform/time.js';
import { parseInput } from '../platform/validation.js';
import { sendPage } from '../platform/views/render.js';
import { confirmFormSchema } from './applications.schema.js';
import { CasePage } from './applications.case.views.js';
import { RegisteredNotice } from './applications.views.js';
import { getCase } from './applications.query.js';
import { addNote, assignApplication } from './assignment.service.js';
import {
  actionEvent,
  actionLetterEdit,
  actionLetterFields,
  carried,
  makesLetter,
  parsePageAction,
  type PageAction,
} from './casework.forms.js';
import { appendEvent, previewAction } from './casework.service.js';
import { ActionPage, LetterPreviewPage } from './casework.views.js';
import { openReceipt } from './intake.service.js';
import { LetterError } from './letters.templates.js';
import * as repo from './requests.repository.js';
import { confirmApplication, orgFor } from './requests.service.js';
import { bodyOf, staffBase } from './staff.http.js';
import { attachment } from './tracking.routes.js';

type CaseParams = { Params: { code: string; ref: string } };
type ActionParams = { Params: { code: string; ref: string; action: string } };
export const REGISTERED_COOKIE = 'gk_registered';

interface Problem {
  errors?: Record<string, string>;
  code?: string;
  message?: string;
  status?: number;
}

/** A refusal a form shows beside its fields (400, or 422 for a letter that lacks data). */
function problemOf(err: unknown): Problem | null {
  if (err instanceof ValidationError)
    return { errors: err.fields, code: err.code, message: err.message, status: 400 };
  if (err instanceof LetterError)
    return {
      code: err.code,
      message: `${err.message}（${err.placeholders.map((p) => `{{${p}}}`).join('、')}）`,
      status: err.status,
    };
  return null;
}

/**
 * The case page and its actions: confirmation (条例第三十一条), each action on a page of its own
 * with its guidance, the letter previewed and edited before sending, assignment, notes, and the
 * case's letters as DOCX and HTML. Post → redirect → get; refusals re-render with their code.
 */
export const caseworkRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const today = () => chinaDate(ctx.now());

  async function renderCase(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    code: string,
    ref: string,
    extra: Problem & { reveal?: boolean } = {},
  ) {
    const view = await getCase(ctx, actor, code, ref, { reveal: extra.reveal === true });
    const receipt = openReceipt(ctx, request.cookies[REGISTERED_COOKIE]);
    if (receipt)
      reply.clearCookie(REGISTERED_COOKIE, { path: `/admin/orgs/${view.orgCode}/applications` });
    const notice =
      receipt && receipt.ref === ref ? (
        <RegisteredNotice appRef={receipt.ref} code={receipt.queryCode} />
      ) : null;
    reply.header('cache-control', 'private, no-store');
    const base = staffBase(actor, reply, request, { code: view.orgCode, name: view.orgName });
    return sendPage(
      reply,
      <CasePage {...base} view={view} today={today()} {...extra} notice={notice} />,
      extra.status ?? 200,
    );
  }

  app.get<CaseParams & { Querystring: { reveal?: string } }>(
    '/admin/orgs/:code/applications/:ref',
    async (request, reply) =>
      renderCase(request, reply, requireActor(request), request.params.code, request.params.ref, {
        reveal: request.query.reveal === '1',
      }),
  );

  /** Runs a case-page form; a refusal re-renders the case page with its messages. */
  async function caseForm(
    request: FastifyRequest<CaseParams>,
    reply: FastifyReply,
    run: (actor: Actor) => Promise<unknown>,
  ) {
    const actor = requireActor(request);
    const { code, ref } = request.params;
    try {
      await run(actor);
      return reply.redirect(`/admin/orgs/${code}/applications/${ref}`, 303);
    } catch (err) {
      const p = problemOf(err);
      if (!p) throw err;
      return renderCase(request, reply, actor, code, ref, p);
    }
  }

  app.post<CaseParams>('/admin/orgs/:code/applications/:ref/confirm', (request, reply) =>
    caseForm(request, reply, (actor) =>
      confirmApplication(
        ctx,
        actor,
        request.params.code,
        request.params.ref,
        parseInput(confirmFormSchema, bodyOf(request)).confirmed_on,
      ),
    ),
  );

  app.post<CaseParams>('/admin/orgs/:code/applications/:ref/assign', (request, reply) =>
    caseForm(request, reply, (actor) => {
      const raw = bodyOf(request).assigned_to;
      const id = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : null;
      return assignApplication(ctx, actor, request.params.code, request.params.ref, id);
    }),
  );

  app.post<CaseParams>('/admin/orgs/:code/applications/:ref/notes', (request, reply) =>
    caseForm(request, reply, (actor) => {
      const raw = bodyOf(request).body;
      const text = typeof raw === 'string' ? raw : '';
      return addNote(ctx, actor, request.params.code, request.params.ref, text);
    }),
  );

  function actionOf(request: FastifyRequest<ActionParams>): PageAction {
    const action = parsePageAction(request.params.action);
    if (!action) throw new NotFoundError('ERR_ACTION_NOT_FOUND', '没有这项办理事项。');
    return action;
  }

  async function renderAction(
    request: FastifyRequest<ActionParams>,
    reply: FastifyReply,
    actor: Actor,
    extra: Problem & { values?: Record<string, string | string[]> } = {},
  ) {
    const action = actionOf(request);
    const view = await getCase(ctx, actor, request.params.code, request.params.ref);
    // The 负责人 (approver) reaches the extension page without the 'handle' permission.
    if (!view.canHandle && !(action === 'extend' && view.canApprove))
      await orgFor(ctx, actor, request.params.code, 'handle');
    const base = staffBase(actor, reply, request, { code: view.orgCode, name: view.orgName });
    reply.header('cache-control', 'private, no-store');
    return sendPage(
      reply,
      <ActionPage
        {...base}
        appRef={view.app.ref}
        action={action}
        today={today()}
        volume={view.volume}
        {...extra}
      />,
      extra.status ?? 200,
    );
  }

  app.get<ActionParams>('/admin/orgs/:code/applications/:ref/actions/:action', (request, reply) =>
    renderAction(request, reply, requireActor(request)),
  );

  /** Preview (step=preview) or send: the event with its letter, in one transaction. */
  app.post<ActionParams>(
    '/admin/orgs/:code/applications/:ref/actions/:action',
    async (request, reply) => {
      const actor = requireActor(request);
      const action = actionOf(request);
      const { code, ref } = request.params;
      const body = bodyOf(request);
      try {
        const event = actionEvent(action, body, actor.username);
        const fields = makesLetter(action) ? actionLetterFields(body) : undefined;
        if (body.step === 'preview' && fields) {
          const p = await previewAction(ctx, actor, code, ref, event, fields);
          if (p.letter) {
            // previewAction has checked the permission (approve for an extension).
            const { org } = await orgFor(ctx, actor, code, action === 'extend' ? 'read' : 'handle');
            reply.header('cache-control', 'private, no-store');
            return sendPage(
              reply,
              <LetterPreviewPage
                {...staffBase(actor, reply, request, org)}
                appRef={ref}
                action={action}
                letter={p.letter.letter}
                carried={carried(body)}
                replyDue={p.clock.reply_due}
              />,
            );
          }
        }
        await appendEvent(ctx, actor, code, ref, event, {
          ...(fields ? { fields } : {}),
          edit: actionLetterEdit(body),
        });
        return reply.redirect(`/admin/orgs/${code}/applications/${ref}`, 303);
      } catch (err) {
        const p = problemOf(err);
        if (!p) throw err;
        return renderAction(request, reply, actor, { ...p, values: body });
      }
    },
  );

  app.get<{ Params: { code: string; ref: string; id: string; ext: string } }>(
    '/admin/orgs/:code/applications/:ref/letters/:id.:ext',
    async (request, reply) => {
      const actor = requireActor(request);
      const { org } = await orgFor(ctx, actor, request.params.code, 'read');
      const row = await repo.applicationByOrgRef(ctx.db, org.id, request.params.ref);
      const id = /^\d+$/.test(request.params.id) ? Number(request.params.id) : 0;
      const letter = row ? await repo.letterOf(ctx.db, row.id, id) : undefined;
      if (letter && request.params.ext === 'docx' && letter.docx)
        return attachment(
          reply,
          `${letter.title}.docx`,
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          letter.docx,
        );
      if (letter && request.params.ext === 'html')
        return attachment(reply, `${letter.title}.html`, 'text/html; charset=utf-8', letter.html);
      throw new NotFoundError('ERR_LETTER_NOT_FOUND', '该告知书不存在。');
    },
  );
};
