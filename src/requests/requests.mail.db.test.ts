import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestOrg, createTestUser } from '../../test/factories.js';
import type { AppContext } from '../platform/context.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildJobRegistry } from '../platform/jobs/all-jobs.js';
import { systemActor } from '../platform/authz.js';
import type { NewApplication } from './applications.model.js';
import { recordReminders, refreshOpenClocks } from './dashboard.service.js';
import { submitOnline } from './intake.service.js';
import { registerApplication } from './requests.service.js';

/** A real SMTP server on 127.0.0.1 collecting what it receives. */
async function startSmtp(): Promise<{
  port: number;
  received: Array<{ to: string[]; raw: string }>;
  close(): Promise<void>;
}> {
  const received: Array<{ to: string[]; raw: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return { port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A free port nobody listens on (the mail server is "down"). */
async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function withSmtp(ctx: AppContext, port: number): AppContext {
  return {
    ...ctx,
    config: Object.freeze({
      ...ctx.config,
      smtpUrl: `smtp://127.0.0.1:${port}`,
      mailFrom: '温州高新区 <gk@example.gov.cn>',
      publicUrl: 'https://gk.example.gov.cn',
    }),
  };
}

/** Runs every queued mail.send job through the real handler; returns errors thrown. */
async function runMailJobs(ctx: AppContext): Promise<unknown[]> {
  const handler = buildJobRegistry().handler('mail.send');
  if (!handler) throw new Error('mail.send is not registered');
  const jobs = await ctx.db
    .selectFrom('jobs')
    .select(['id', 'payload'])
    .where('name', '=', 'mail.send')
    .where('status', '=', 'queued')
    .execute();
  const errors: unknown[] = [];
  for (const j of jobs) {
    try {
      await handler(ctx, JSON.parse(j.payload), { id: j.id, name: 'mail.send', attempt: 1 });
      await ctx.db.updateTable('jobs').set({ status: 'done' }).where('id', '=', j.id).execute();
    } catch (e) {
      errors.push(e);
    }
  }
  return errors;
}

/** Decodes the single-part text body (base64 or quoted-printable) of a raw message. */
function bodyText(raw: string): string {
  const at = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, at);
  const body = raw.slice(at).trim();
  if (/Content-Transfer-Encoding: base64/i.test(head))
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

const online = (email: string | null): NewApplication => ({
  applicant: {
    type: 'natural_person',
    name: '张三',
    id_type: 'resident_id',
    id_number: '11010519491231002X',
    phone: '13812345678',
    email,
    address: null,
    postcode: null,
  },
  channel: 'online',
  submitted_on: '2025-11-20',
  description: '2025年度财政预算执行情况',
  delivery: 'email',
});

describeEachDb('e-mail of receipts and reminders (SMTP)', (get) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const org = { id: 0, code: 'mail-org' };

  beforeAll(async () => {
    smtp = await startSmtp();
    const ctx = get();
    org.id = (await createTestOrg(ctx, { code: org.code, name: '某区政府办公室' })).id;
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('queues nothing when SMTP_URL is not set', async () => {
    const ctx = get();
    await submitOnline(ctx, org.code, online('a@example.com'), 'tok-mail-off-0000000001', []);
    const n = await ctx.db
      .selectFrom('jobs')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('name', '=', 'mail.send')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('e-mails the 受理编号 and 查询码 once, sealed at rest, even after a double submit', async () => {
    const ctx = withSmtp(get(), smtp.port);
    const created = await submitOnline(
      ctx,
      org.code,
      online('applicant@example.com'),
      'tok-mail-on-00000000001',
      [],
    );
    await submitOnline(
      ctx,
      org.code,
      online('applicant@example.com'),
      'tok-mail-on-00000000001',
      [],
    );
    const jobs = await ctx.db
      .selectFrom('jobs')
      .select('payload')
      .where('name', '=', 'mail.send')
      .execute();
    expect(jobs).toHaveLength(1);
    // Neither the address nor the 查询码 is stored in clear in the job.
    expect(jobs[0]?.payload).not.toContain('applicant@example.com');
    expect(jobs[0]?.payload).not.toContain(created.queryCode);

    expect(await runMailJobs(ctx)).toEqual([]);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to).toEqual(['applicant@example.com']);
    const text = bodyText(mail?.raw ?? '');
    expect(text).toContain(created.ref);
    expect(text).toContain(created.queryCode);
    expect(text).toContain('https://gk.example.gov.cn/mail-org/track');
    expect(mail?.raw).toContain('gk@example.gov.cn');
  });

  it('does not queue a receipt for an application without an e-mail address', async () => {
    const ctx = withSmtp(get(), smtp.port);
    const before = smtp.received.length;
    await submitOnline(ctx, org.code, online(null), 'tok-mail-none-000000001', []);
    expect(await runMailJobs(ctx)).toEqual([]);
    expect(smtp.received).toHaveLength(before);
  });

  it('keeps the message queued when the mail server is down (the job fails and is retried)', async () => {
    const ctx = withSmtp(get(), await deadPort());
    await submitOnline(ctx, org.code, online('retry@example.com'), 'tok-mail-down-000000001', []);
    const errors = await runMailJobs(ctx);
    expect(errors).toHaveLength(1);
    const left = await ctx.db
      .selectFrom('jobs')
      .select(['status', 'max_attempts'])
      .where('name', '=', 'mail.send')
      .where('status', '=', 'queued')
      .execute();
    expect(left).toHaveLength(1);
    expect(left[0]?.max_attempts).toBeGreaterThan(3);
    // The server comes back: the same job is delivered.
    const back = withSmtp(get(), smtp.port);
    expect(await runMailJobs(back)).toEqual([]);
    expect(smtp.received.some((m) => m.to.includes('retry@example.com'))).toBe(true);
  });

  it('e-mails reminders to the assigned case worker, once per case, kind and day', async () => {
    const base = get();
    base.now = () => new Date('2025-11-28T02:00:00Z');
    const ctx = withSmtp(base, smtp.port);
    const worker = await createTestUser(ctx, {
      grants: [{ orgId: org.id, role: 'case_worker' }],
    });
    await ctx.db
      .updateTable('users')
      .set({ email: 'clerk@example.gov.cn' })
      .where('id', '=', worker.id)
      .execute();
    // Received 2025-10-20: overdue on 2025-11-28; unassigned, so every case worker is told.
    await registerApplication(ctx, systemActor(), org.code, {
      ...online(null),
      channel: 'in_person',
      submitted_on: '2025-10-20',
    });
    await refreshOpenClocks(ctx);
    const before = smtp.received.length;
    expect(await recordReminders(ctx, 3)).toBeGreaterThanOrEqual(1);
    expect(await recordReminders(ctx, 3)).toBe(0);
    expect(await runMailJobs(ctx)).toEqual([]);
    const sent = smtp.received.slice(before);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent.every((m) => m.to.join() === 'clerk@example.gov.cn')).toBe(true);
    expect(sent.map((m) => bodyText(m.raw)).join('\n')).toContain('已超过答复期限');
  });
});
