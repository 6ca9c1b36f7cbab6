import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import csrf from '@fastify/csrf-protection';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { installErrorHandlers, sendError } from './error-handler.js';
import { sameSitePath } from './redirect.js';
import { registerDomainRoutes } from './routes.js';
import './types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const csrfTokens = new WeakMap<FastifyReply, string>();

/** The CSRF token for forms on this response (one secret cookie per browser). */
export function csrfToken(reply: FastifyReply): string {
  let token = csrfTokens.get(reply);
  if (!token) {
    token = reply.generateCsrf();
    csrfTokens.set(reply, token);
  }
  return token;
}

/** True when a parsed request part (params, query, form fields) holds a NUL character. */
function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 4 || value === null || typeof value !== 'object' || Buffer.isBuffer(value))
    return false;
  return Object.values(value).some((v) => hasNul(v, depth + 1));
}

/** Builds the web application without listening, so tests can use `inject()`. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: ctx.config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: false },
    // A URL the router cannot decode (bad percent-encoding) gets the usual Chinese 400 page.
    frameworkErrors: (_error, request, reply) => {
      sendError(request, reply, 400, 'ERR_BAD_REQUEST', '请求地址无法识别，请检查后重试。');
    },
  });

  // Security headers (CSP, frame, referrer, …): helmet's middleware is built once here and run
  // on every request. @fastify/helmet built it again for each request (parsing the CSP
  // directives each time): 18 % of the portal's CPU on cached pages.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        mediaSrc: ["'self'"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
      },
    },
    hsts: ctx.config.secureCookies,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined));
  });
  await app.register(cookie, { secret: ctx.sessionSecret });
  await app.register(formbody, { bodyLimit: ctx.config.bodyLimit });
  await app.register(csrf, {
    cookieKey: 'gk_csrf',
    cookieOpts: {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      signed: true,
      secure: ctx.config.secureCookies,
    },
  });
  await app.register(rateLimit, { global: false });
  await app.register(fastifyStatic, {
    root: path.join(root, 'public'),
    prefix: '/assets/',
    maxAge: '1h',
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('pendingUserId', null);
  app.decorateRequest('elderMode', false);

  app.addHook('onRequest', async (request, reply) => {
    request.elderMode = request.cookies.gk_mode === 'elder';
    reply.header('x-request-id', request.id);
  });

  // Every state-changing request carries a valid CSRF token unless its route opts out.
  app.addHook('preHandler', (request, reply, done) => {
    const method = request.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return done();
    if (request.routeOptions.config.csrf === false) return done();
    app.csrfProtection(request, reply, done);
  });

  // No form field or URL needs U+0000, and PostgreSQL refuses it in text (a 500): refuse it here.
  app.addHook('preHandler', async (request) => {
    if (hasNul(request.params) || hasNul(request.query) || hasNul(request.body))
      throw new AppError('ERR_BAD_REQUEST', 400, '提交的内容含有无法识别的字符，请检查后重试。');
  });

  installErrorHandlers(app);

  app.get('/healthz', { config: { csrf: false } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok', database: ctx.dialect };
    } catch {
      return reply.status(503).header('retry-after', '5').send({ status: 'unavailable' });
    }
  });

  // 长辈版 switch: a plain link that sets a cookie, so it works without JavaScript.
  app.get<{ Params: { mode: string }; Querystring: { back?: string } }>(
    '/mode/:mode',
    async (request, reply) => {
      const elder = request.params.mode === 'elder';
      reply.setCookie('gk_mode', elder ? 'elder' : 'standard', {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        maxAge: 365 * 24 * 3600,
        secure: ctx.config.secureCookies,
      });
      return reply.redirect(sameSitePath(request.query.back, '/'), 303);
    },
  );

  await registerDomainRoutes(app, ctx);
  return app;
}
