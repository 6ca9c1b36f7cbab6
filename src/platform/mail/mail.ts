import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { Conn } from '../db/database.js';
import { decryptField, encryptField } from '../crypto/sm.js';
import { enqueueJob } from '../jobs/jobs.service.js';
import type { JobRegistry } from '../jobs/jobs.registry.js';

/**
 * Outgoing e-mail through SMTP (SMTP_URL). Messages are never sent inside a request: they are
 * queued as `mail.send` jobs in the caller's transaction, so a message exists only if the change
 * that asked for it committed, and a mail server that is down delays the message (retried with
 * back-off) instead of failing the request. The whole message is sealed with the field key
 * (SM4), because recipients and bodies (a 查询码, say) are personal data at rest in the jobs table.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

const messageSchema = z.object({
  to: z.email(),
  subject: z.string().min(1).max(300),
  text: z.string().min(1).max(100_000),
});

const payloadSchema = z.object({ sealed: z.string().min(1) });

/** Attempts before a message is given up (back-off between them, see jobs.model retryDelayMs). */
export const MAIL_MAX_ATTEMPTS = 8;

/** True when SMTP_URL is set; callers skip composing mail otherwise. */
export function mailEnabled(ctx: AppContext): boolean {
  return ctx.config.smtpUrl !== null;
}

/**
 * Queues `message` in `conn` (the caller's transaction). Returns false (and queues nothing) when
 * mail is off or the address is not a valid e-mail address; `uniqueKey` makes a retried caller
 * queue the message once.
 */
export async function queueMail(
  ctx: AppContext,
  conn: Conn,
  message: MailMessage,
  uniqueKey?: string,
): Promise<boolean> {
  if (!mailEnabled(ctx)) return false;
  const parsed = messageSchema.safeParse(message);
  if (!parsed.success) return false;
  const sealed = encryptField(ctx.fieldKeys, JSON.stringify(parsed.data));
  await enqueueJob(
    ctx,
    conn,
    'mail.send',
    { sealed },
    { uniqueKey: uniqueKey ? `mail:${uniqueKey}` : undefined, maxAttempts: MAIL_MAX_ATTEMPTS },
  );
  return true;
}

const transports = new WeakMap<object, Transporter>();

function transportFor(ctx: AppContext): Transporter {
  const url = ctx.config.smtpUrl;
  if (!url) throw new Error('SMTP_URL is not set');
  let t = transports.get(ctx.config);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(ctx.config, t);
  }
  return t;
}

/** Sends one message now (the `mail.send` job). Throws when the server refuses it. */
export async function sendMailNow(ctx: AppContext, message: MailMessage): Promise<void> {
  const m = messageSchema.parse(message);
  await transportFor(ctx).sendMail({
    from: ctx.config.mailFrom,
    to: m.to,
    subject: m.subject,
    text: m.text,
  });
}

/** The `mail.send` job: opens the sealed message and sends it. */
export function registerMailJobs(registry: JobRegistry): void {
  registry.define('mail.send', async (ctx, payload) => {
    const { sealed } = payloadSchema.parse(payload);
    const message = messageSchema.parse(JSON.parse(decryptField(ctx.fieldKeys, sealed)));
    await sendMailNow(ctx, message);
    ctx.logger.info({ subject: message.subject }, 'mail sent');
  });
}
