import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestOrg,
  createTestUser,
  errorCode,
  postForm,
  signIn,
} from '../../test/factories.js';
import { systemActor } from '../platform/authz.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';
import type { NewApplication } from './applications.model.js';
import { registerApplication } from './requests.service.js';

const application = (submitted: string, id = '11010519491231002X'): NewApplication => ({
  applicant: {
    type: 'natural_person',
    name: '张三',
    id_type: 'resident_id',
    id_number: id,
    phone: '13812345678',
    email: null,
    address: '温州市某路1号',
    postcode: null,
  },
  channel: 'in_person',
  submitted_on: submitted,
  description: '2025年度财政预算执行情况',
  delivery: 'email',
});

describeEachDb('case actions with their letters', (get) => {
  let app: FastifyInstance;
  let clerk: { cookie: string; csrf: string };
  let head: { cookie: string; csrf: string };
  let admin: { cookie: string; csrf: string };
  const org = { id: 0, code: 'cw-org' };
  const base = (ref: string) => `/admin/orgs/${org.code}/applications/${ref}`;

  beforeAll(async () => {
    const ctx = get();
    ctx.now = () => new Date('2025-12-01T02:00:00Z');
    org.id = (await createTestOrg(ctx, { code: org.code, name: '某区人民政府办公室' })).id;
    app = await buildApp(ctx);
    const c = await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'case_worker' }] });
    const h = await createTestUser(ctx, {
      grants: [
        { orgId: org.id, role: 'case_worker' },
        { orgId: org.id, role: 'approver' },
      ],
    });
    const a = await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'org_admin' }] });
    clerk = await signIn(app, ctx, c);
    head = await signIn(app, ctx, h);
    admin = await signIn(app, ctx, a);
  });
  afterAll(async () => {
    await app.close();
  });

  const register = async (submitted = '2025-11-20', id?: string) =>
    (await registerApplication(get(), systemActor(), org.code, application(submitted, id))).ref;
  const counts = async (ref: string) => {
    const db = get().db;
    const row = await db
      .selectFrom('applications')
      .select('id')
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow();
    const n = async (t: 'letters' | 'application_events') =>
      (await db.selectFrom(t).select('id').where('application_id', '=', row.id).execute()).length;
    return { letters: await n('letters'), events: await n('application_events') };
  };
  const letters = async (ref: string) =>
    get()
      .db.selectFrom('letters')
      .innerJoin('applications', 'applications.id', 'letters.application_id')
      .select(['letters.id', 'kind', 'html', 'docx', 'sent_on', 'template_id'])
      .where('applications.ref', '=', ref)
      .orderBy('letters.id')
      .execute();

  it('previews the 补正告知书 without storing, then sends the edited letter with the event', async () => {
    const ref = await register();
    const form = { on: '2025-11-21', due_on: '2025-12-05', points: '请写明文件的名称或文号' };
    const page = await app.inject({
      method: 'GET',
      url: `${base(ref)}/actions/request_correction`,
      headers: { cookie: clerk.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('条例第三十条');
    const preview = await postForm(app, clerk, `${base(ref)}/actions/request_correction`, {
      ...form,
      step: 'preview',
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('政府信息公开申请补正告知书');
    expect(preview.body).toContain('请写明文件的名称或文号');
    expect(await counts(ref)).toEqual({ letters: 0, events: 0 });
    const sent = await postForm(app, clerk, `${base(ref)}/actions/request_correction`, {
      ...form,
      step: 'send',
      letter_title: '政府信息公开申请补正告知书',
      letter_body: '经办人修改后的正文。\n特此告知。',
    });
    expect(sent.statusCode).toBe(303);
    const [letter] = await letters(ref);
    expect(letter).toMatchObject({ kind: 'correction_request', sent_on: '2025-11-21' });
    expect(letter?.html).toContain('经办人修改后的正文');
    expect(letter?.docx?.subarray(0, 2).toString()).toBe('PK');
    const docx = await app.inject({
      method: 'GET',
      url: `${base(ref)}/letters/${letter?.id}.docx`,
      headers: { cookie: clerk.cookie },
    });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const casePage = await app.inject({
      method: 'GET',
      url: base(ref),
      headers: { cookie: clerk.cookie },
    });
    expect(casePage.body).toContain(`letters/${letter?.id}.html`);
    expect(casePage.body).toContain('补正期限 2025-12-05');
  });

  it('refuses an impossible history with its code and stores nothing', async () => {
    const ref = await register();
    const form = { on: '2025-11-21', due_on: '2025-12-05', points: '请写明文号' };
    expect(
      (await postForm(app, clerk, `${base(ref)}/actions/request_correction`, form)).statusCode,
    ).toBe(303);
    const again = await postForm(app, clerk, `${base(ref)}/actions/request_correction`, {
      ...form,
      on: '2025-11-24',
    });
    expect(again.statusCode).toBe(400);
    expect(errorCode(again)).toBe('ERR_CORRECTION_TWICE');
    expect(await counts(ref)).toEqual({ letters: 1, events: 1 });
    const early = await postForm(app, clerk, `${base(ref)}/actions/receive_correction`, {
      on: '2025-11-19',
    });
    expect(errorCode(early)).toBe('ERR_EVENTS_OUT_OF_ORDER');
    expect(await counts(ref)).toEqual({ letters: 1, events: 1 });
  });

  it('lets only an approver extend (ERR_FORBIDDEN), and the letter gives the new due date', async () => {
    const ref = await register();
    const form = { on: '2025-11-24', working_days: '10', reason: '需要调取档案' };
    const refused = await postForm(app, clerk, `${base(ref)}/actions/extend`, form);
    expect(refused.statusCode).toBe(403);
    expect(errorCode(refused)).toBe('ERR_FORBIDDEN');
    expect(await counts(ref)).toEqual({ letters: 0, events: 0 });
    const ok = await postForm(app, head, `${base(ref)}/actions/extend`, form);
    expect(ok.statusCode).toBe(303);
    const [letter] = await letters(ref);
    expect(letter?.kind).toBe('extension');
    expect(letter?.html).toContain('需要调取档案');
    expect(letter?.html).toContain('延长10个工作日');
  });

  it('computes the fee of the 11th application of the month as 100 yuan (国办函〔2020〕109号)', async () => {
    const id = '110101199003070011';
    let ref = '';
    for (let d = 3; d <= 13; d++) ref = await register(`2025-10-${String(d).padStart(2, '0')}`, id);
    const res = await postForm(app, clerk, `${base(ref)}/actions/send_fee_notice`, {
      on: '2025-10-20',
      basis: 'per_application',
    });
    expect(res.statusCode).toBe(303);
    const ev = await get()
      .db.selectFrom('application_events')
      .innerJoin('applications', 'applications.id', 'application_events.application_id')
      .select(['application_events.data'])
      .where('applications.ref', '=', ref)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(ev.data)).toMatchObject({ amount_yuan: 100, count_in_month: 11 });
    const [letter] = await letters(ref);
    expect(letter?.html).toContain('100元');
  });

  it('concludes with the reply letter of the outcome and its 救济途径', async () => {
    const ref = await register();
    const res = await postForm(app, clerk, `${base(ref)}/actions/conclude`, {
      on: '2025-11-28',
      outcome: 'open',
      reply_detail: '已通过电子邮件发送',
      letter_kind: 'reply_open_provided',
    });
    expect(res.statusCode).toBe(303);
    const [letter] = await letters(ref);
    expect(letter?.kind).toBe('reply_open_provided');
    expect(letter?.html).toContain('附：救济途径');
  });

  it('saves a template version, refuses a bad one with 400, and letters use the new version', async () => {
    const url = `/admin/orgs/${org.code}/letter-templates/correction_request`;
    const form = await app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
    expect(form.statusCode).toBe(200);
    const bad = await postForm(app, admin, url, { title: '补正告知书', body: '{{nope}}' });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe('ERR_LETTER_TEMPLATE');
    const denied = await postForm(app, clerk, url, { title: 'x', body: 'y' });
    expect(errorCode(denied)).toBe('ERR_APPLICATION_FORBIDDEN');
    const body = '本机关于{{received_on}}收到您的申请。请补正：{{correction.points}}\n特此告知。';
    const ok = await postForm(app, admin, url, { title: '补正告知书（第1版）', body });
    expect(ok.statusCode).toBe(303);
    const row = await get()
      .db.selectFrom('letter_templates')
      .selectAll()
      .where('org_id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(1);
    const ref = await register();
    await postForm(app, clerk, `${base(ref)}/actions/request_correction`, {
      on: '2025-11-21',
      due_on: '2025-12-05',
      points: '文号',
    });
    const [letter] = await letters(ref);
    expect(letter?.template_id).toBe(row.id);
    expect(letter?.html).toContain('补正告知书（第1版）');
  });
});
