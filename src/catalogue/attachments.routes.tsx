import type { MultipartFile } from '@fastify/multipart';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import type { AppContext } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { contentDisposition, DEFAULT_ATTACHMENT_MAX_BYTES } from './attachments.model.js';
import {
  addAttachment,
  attachmentTooLarge,
  getAttachment,
  removeAttachment,
} from './attachments.service.js';
import { attachmentMaxBytes } from './catalogue.settings.js';
import { idOf, orgOf, type ItemParams } from './route-helpers.js';

type AttachmentParams = { Params: { code: string; id: string; aid: string } };

/** The hard ceiling of the parser; the configurable limit (default 50 MB) is checked per request. */
const PARSER_MAX_BYTES = 2 * 1024 * 1024 * 1024;

const limits = new WeakMap<FastifyRequest, number>();
const uploads = new WeakMap<FastifyRequest, { filename: string; data: Buffer }>();

/** Reads the uploaded file into memory, stopping as soon as it passes the limit (413). */
async function onFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
  const max = limits.get(this) ?? DEFAULT_ATTACHMENT_MAX_BYTES;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw attachmentTooLarge(max);
    chunks.push(chunk);
  }
  if (part.fieldname === 'file' && !uploads.has(this))
    uploads.set(this, { filename: part.filename, data: Buffer.concat(chunks) });
}

/**
 * Attachments: upload (multipart, registered in this scope only; the CSRF field is read from the
 * parsed fields), download for staff with the checked type, delete.
 */
export const attachmentRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    onFile,
    limits: { fileSize: PARSER_MAX_BYTES, files: 1, fields: 10, fieldSize: 4096 },
  });

  app.post<ItemParams>(
    '/admin/orgs/:code/items/:id/attachments',
    {
      // Before the body is read: only signed-in staff upload, and the limit is known.
      onRequest: async (request) => {
        requireActor(request);
        limits.set(request, await attachmentMaxBytes(ctx.db));
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await orgOf(ctx, request.params.code);
      const id = idOf(request.params.id);
      const file = uploads.get(request);
      if (!file) throw new AppError('ERR_ATTACHMENT_EMPTY', 400, '请选择要上传的文件。');
      await addAttachment(ctx, actor, org.id, id, file);
      return reply.redirect(`/admin/orgs/${org.code}/items/${id}?done=attached`, 303);
    },
  );

  app.get<AttachmentParams>(
    '/admin/orgs/:code/items/:id/attachments/:aid',
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await orgOf(ctx, request.params.code);
      const a = await getAttachment(
        ctx,
        actor,
        org.id,
        idOf(request.params.id),
        idOf(request.params.aid, 'ERR_ATTACHMENT_NOT_FOUND'),
      );
      return reply
        .type(a.media_type)
        .header('content-length', a.size)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', contentDisposition(a.filename))
        .send(a.body);
    },
  );

  app.post<AttachmentParams>(
    '/admin/orgs/:code/items/:id/attachments/:aid/delete',
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await orgOf(ctx, request.params.code);
      const id = idOf(request.params.id);
      await removeAttachment(
        ctx,
        actor,
        org.id,
        id,
        idOf(request.params.aid, 'ERR_ATTACHMENT_NOT_FOUND'),
      );
      return reply.redirect(`/admin/orgs/${org.code}/items/${id}?done=detached`, 303);
    },
  );
};
