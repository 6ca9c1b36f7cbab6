import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ValidationError } from '../errors.js';
import { databaseUnavailable } from '../db/unavailable.js';
import { ErrorPage } from '../views/layouts.js';
import { sendPage } from '../views/render.js';

/** True when the client should get JSON: the API, or an explicit JSON Accept header. */
export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

const FRAMEWORK_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'ERR_BODY_TOO_LARGE',
    message: '提交的内容过大，请删减后重试。',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'ERR_UNSUPPORTED_MEDIA_TYPE',
    message: '不支持的提交格式。',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'ERR_EMPTY_BODY', message: '提交的内容为空。' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'ERR_BAD_REQUEST',
    message: '请求长度不正确。',
  },
  FST_CSRF_INVALID_TOKEN: {
    status: 403,
    code: 'ERR_CSRF',
    message: '页面已过期或来源无法验证，请返回上一页刷新后重新提交。',
  },
  FST_CSRF_MISSING_SECRET: {
    status: 403,
    code: 'ERR_CSRF',
    message: '页面已过期或来源无法验证，请返回上一页刷新后重新提交。',
  },
  FST_ERR_VALIDATION: { status: 400, code: 'ERR_VALIDATION', message: '提交的内容格式不正确。' },
};

const STATUS_MESSAGES: Record<number, { title: string; message: string; code: string }> = {
  400: {
    title: '请求有误',
    message: '提交的内容无法识别，请检查后重试。',
    code: 'ERR_BAD_REQUEST',
  },
  401: { title: '请先登录', message: '请先登录。', code: 'ERR_UNAUTHENTICATED' },
  403: { title: '无权访问', message: '您没有执行此操作的权限。', code: 'ERR_FORBIDDEN' },
  404: {
    title: '页面不存在',
    message: '您访问的页面或记录不存在，可能已被移除或地址有误。',
    code: 'ERR_NOT_FOUND',
  },
  405: { title: '请求方式不支持', message: '请求方式不支持。', code: 'ERR_METHOD_NOT_ALLOWED' },
  409: { title: '操作冲突', message: '记录已被修改，请刷新后重试。', code: 'ERR_CONFLICT' },
  413: { title: '内容过大', message: '提交的内容过大，请删减后重试。', code: 'ERR_BODY_TOO_LARGE' },
  415: { title: '格式不支持', message: '不支持的提交格式。', code: 'ERR_UNSUPPORTED_MEDIA_TYPE' },
  429: { title: '操作过于频繁', message: '操作过于频繁，请稍后再试。', code: 'ERR_RATE_LIMITED' },
  500: {
    title: '系统繁忙',
    message: '系统暂时无法处理您的请求，请稍后再试。如问题持续，请联系网站管理员。',
    code: 'ERR_INTERNAL',
  },
  503: { title: '服务暂不可用', message: '服务暂时不可用，请稍后再试。', code: 'ERR_UNAVAILABLE' },
};

/** Sends a Chinese error as a page or as JSON `{ error: { code, message, fields } }`. */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  fields?: Record<string, string>,
): FastifyReply {
  if (wantsJson(request)) {
    return reply
      .status(status)
      .type('application/json')
      .send({ error: { code, message, ...(fields ? { fields } : {}) } });
  }
  const title = STATUS_MESSAGES[status]?.title ?? '出错了';
  return sendPage(
    reply,
    <ErrorPage
      status={status}
      title={title}
      message={message}
      code={code}
      elderMode={request.elderMode}
    />,
    status,
  );
}

/**
 * Errors of the multipart parser (busboy) about a malformed body: they carry no code or status,
 * but they are the client's fault (a missing boundary, a truncated upload), not a bug.
 */
const MALFORMED_BODY =
  /^(Multipart: Boundary not found|Unexpected end of (form|multipart data)|Malformed (part header|urlencoded form))/;

/** The one error handler: AppErrors and framework errors become clear 4xx; the rest a logged 500. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      if (err.status === 401 && !wantsJson(request)) {
        return reply.redirect(`/admin/login?next=${encodeURIComponent(request.url)}`, 303);
      }
      return sendError(
        request,
        reply,
        err.status,
        err.code,
        err.message,
        err instanceof ValidationError ? err.fields : undefined,
      );
    }
    const known = err.code ? FRAMEWORK_ERRORS[err.code] : undefined;
    if (known) {
      return sendError(request, reply, known.status, known.code, known.message);
    }
    if (!err.statusCode && MALFORMED_BODY.test(err.message)) {
      return sendError(
        request,
        reply,
        400,
        'ERR_BAD_REQUEST',
        '提交的内容不完整或格式不正确，请重新提交。',
      );
    }
    const outage = databaseUnavailable(err);
    if (outage) {
      // Fail fast and tell the client when to come back; nothing was written (the transaction,
      // if any, did not commit). The pool reconnects by itself once the database is back.
      request.log.warn(
        { err: { code: err.code, message: err.message }, outage },
        'database unavailable',
      );
      reply.header('retry-after', outage === 'busy' ? '2' : '10');
      return outage === 'full'
        ? sendError(
            request,
            reply,
            503,
            'ERR_STORAGE_FULL',
            '服务器存储空间不足，请稍后再试（如您刚才提交了内容，本次提交未被保存）。如问题持续，请联系网站管理员。',
          )
        : sendError(
            request,
            reply,
            503,
            'ERR_DB_UNAVAILABLE',
            '数据库暂时不可用，请稍后再试（如您刚才提交了内容，本次提交未被保存）。',
          );
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const m = STATUS_MESSAGES[status] ?? STATUS_MESSAGES[400];
      return sendError(
        request,
        reply,
        status,
        m?.code ?? 'ERR_BAD_REQUEST',
        m?.message ?? '请求有误。',
      );
    }
    if (status === 503) {
      reply.header('retry-after', '5');
      const m = STATUS_MESSAGES[503];
      return sendError(
        request,
        reply,
        503,
        m?.code ?? 'ERR_UNAVAILABLE',
        m?.message ?? '服务暂不可用',
      );
    }
    request.log.error({ err }, 'unhandled error');
    const m = STATUS_MESSAGES[500];
    return sendError(request, reply, 500, 'ERR_INTERNAL', m?.message ?? '系统繁忙');
  });
  app.setNotFoundHandler((request, reply) => {
    const m = STATUS_MESSAGES[404];
    return sendError(request, reply, 404, 'ERR_NOT_FOUND', m?.message ?? '页面不存在');
  });
}
