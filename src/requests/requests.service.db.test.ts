import { beforeAll, expect, it } from 'vitest';
import { createTestOrg, createTestUser } from '../../test/factories.js';
import { systemActor, type Actor } from '../platform/authz.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import type { NewApplication } from './applications.model.js';
import { getCase, listCases } from './applications.query.js';
import { saveAppeal, listAppeals } from './appeals.service.js';
import { submitOnline } from './intake.service.js';
import { addNote, assignApplication } from './assignment.service.js';
import { appendEvent } from './casework.service.js';
import { confirmApplication, registerApplication } from './requests.service.js';

const ID = '11010519491231002X';
const applicant = (
  over: Partial<NewApplication['applicant']> = {},
): NewApplication['applicant'] => ({
  type: 'natural_person',
  name: '张三丰',
  id_type: 'resident_id',
  id_number: ID,
  phone: '13812345678',
  email: 'zs@example.com',
  address: '浙江省温州市瓯海区某路1号',
  postcode: '325000',
  ...over,
});
const inPerson = (submitted = '2025-09-30'): NewApplication => ({
  applicant: applicant(),
  channel: 'in_person',
  submitted_on: submitted,
  description: '2025年度财政预算执行情况',
  delivery: 'email',
});

describeEachDb('applications service', (get) => {
  let worker: Actor;
  let org = { id: 0, code: 'req-org' };
  beforeAll(async () => {
    const ctx = get();
    ctx.now = () => new Date('2025-12-01T02:00:00Z');
    org = await createTestOrg(ctx, { code: 'req-org' });
    const u = await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'case_worker' }] });
    worker = {
      userId: u.id,
      username: u.username,
      isPlatformAdmin: false,
      grants: [{ orgId: org.id, role: 'case_worker' }],
    };
  });

  it('registers an in-person application with 收到申请之日 = submission date and caches the clock', async () => {
    const ctx = get();
    const created = await registerApplication(ctx, worker, org.code, inPerson());
    expect(created.ref).toMatch(/^YSQ2025-[2-9A-HJKMNP-Z]{8}$/);
    const row = await ctx.db
      .selectFrom('applications')
      .selectAll()
      .where('ref', '=', created.ref)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      received_on: '2025-09-30',
      reply_due_on: '2025-11-04',
      correction_notice_due_on: '2025-10-16',
      status: 'registered',
      entered_by: worker.userId,
    });
  });

  it('stores personal fields encrypted and finds the applicant by keyed hash', async () => {
    const ctx = get();
    const created = await registerApplication(ctx, worker, org.code, inPerson());
    const row = await ctx.db
      .selectFrom('applications')
      .selectAll()
      .where('ref', '=', created.ref)
      .executeTakeFirstOrThrow();
    for (const col of [
      'applicant_name',
      'applicant_id_number',
      'applicant_phone',
      'applicant_email',
      'applicant_address',
    ] as const) {
      expect(row[col]).toMatch(/^v1:/);
      expect(JSON.stringify(row)).not.toContain('13812345678');
    }
    expect(row.applicant_id_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('appends events, moves the clock, and refuses an impossible history with its code, writing nothing', async () => {
    const ctx = get();
    const { ref } = await registerApplication(ctx, worker, org.code, inPerson());
    await appendEvent(ctx, worker, org.code, ref, {
      type: 'consultation_started',
      on: '2025-10-13',
      party: 'third_party',
    });
    const { clock } = await appendEvent(ctx, worker, org.code, ref, {
      type: 'consultation_ended',
      on: '2025-10-20',
    });
    expect(clock.reply_due).toBe('2025-11-11');
    const row = await ctx.db
      .selectFrom('applications')
      .selectAll()
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      reply_due_on: '2025-11-11',
      paused_working_days: 5,
      status: 'in_progress',
    });
    await appendEvent(ctx, worker, org.code, ref, {
      type: 'correction_requested',
      on: '2025-10-14',
      due_on: '2025-10-24',
    }).catch(() => undefined);
    const before = await ctx.db
      .selectFrom('application_events')
      .select('id')
      .where('application_id', '=', row.id)
      .execute();
    const err = await appendEvent(ctx, worker, org.code, ref, {
      type: 'correction_received',
      on: '2025-10-21',
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_CORRECTION_NOT_REQUESTED' });
    const after = await ctx.db
      .selectFrom('application_events')
      .select('id')
      .where('application_id', '=', row.id)
      .execute();
    expect(after.length).toBe(before.length);
  });

  it('refuses a second correction request (ERR_CORRECTION_TWICE)', async () => {
    const ctx = get();
    const { ref } = await registerApplication(ctx, worker, org.code, inPerson());
    await appendEvent(ctx, worker, org.code, ref, {
      type: 'correction_requested',
      on: '2025-10-09',
      due_on: '2025-10-20',
    });
    await expect(
      appendEvent(ctx, worker, org.code, ref, {
        type: 'correction_requested',
        on: '2025-10-10',
        due_on: '2025-10-21',
      }),
    ).rejects.toMatchObject({ code: 'ERR_CORRECTION_TWICE' });
    const row = await ctx.db
      .selectFrom('applications')
      .selectAll()
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('correction_pending');
  });

  it('keeps an online application awaiting confirmation until a case worker confirms it', async () => {
    const ctx = get();
    const created = await submitOnline(
      ctx,
      org.code,
      { ...inPerson('2025-11-20'), channel: 'online' },
      'tok-online-000000000001',
      [],
    );
    const again = await submitOnline(
      ctx,
      org.code,
      { ...inPerson('2025-11-20'), channel: 'online' },
      'tok-online-000000000001',
      [],
    );
    expect(again).toMatchObject({
      ref: created.ref,
      queryCode: created.queryCode,
      duplicate: true,
    });
    await expect(
      appendEvent(ctx, worker, org.code, created.ref, { type: 'withdrawn', on: '2025-11-21' }),
    ).rejects.toMatchObject({ code: 'ERR_NOT_CONFIRMED' });
    const clock = await confirmApplication(ctx, worker, org.code, created.ref, '2025-11-21');
    expect(clock.received_on).toBe('2025-11-21');
    await expect(
      confirmApplication(ctx, worker, org.code, created.ref, '2025-11-21'),
    ).rejects.toMatchObject({ code: 'ERR_ALREADY_CONFIRMED' });
  });

  it('masks personal data on the case page and audits each unmasked view', async () => {
    const ctx = get();
    const { ref } = await registerApplication(ctx, worker, org.code, inPerson());
    const masked = await getCase(ctx, worker, org.code, ref);
    expect(masked.app.applicant).toMatchObject({
      name: '张**',
      id_number: '1101**********002X',
      phone: '138****5678',
    });
    const audits = async () =>
      (
        await ctx.db
          .selectFrom('audit_log')
          .select('seq')
          .where('action', '=', 'application.view_personal')
          .execute()
      ).length;
    const n = await audits();
    const shown = await getCase(ctx, worker, org.code, ref, { reveal: true });
    expect(shown.app.applicant.id_number).toBe(ID);
    expect(await audits()).toBe(n + 1);
    const list = await listCases(ctx, worker, org.code);
    expect(list.items.every((i) => i.applicantName === '张**')).toBe(true);
  });

  it('refuses staff of another org', async () => {
    const ctx = get();
    const other = await createTestOrg(ctx, { code: 'req-other' });
    const stranger: Actor = {
      userId: 999,
      username: 'x',
      isPlatformAdmin: false,
      grants: [{ orgId: other.id, role: 'case_worker' }],
    };
    await expect(listCases(ctx, stranger, org.code)).rejects.toMatchObject({
      code: 'ERR_APPLICATION_FORBIDDEN',
    });
  });

  it('warns when the same applicant sends more than 10 applications in a month (条例第三十五条)', async () => {
    const ctx = get();
    const vol = await createTestOrg(ctx, { code: 'req-volume' });
    let last = '';
    for (let i = 0; i < 11; i++)
      last = (
        await registerApplication(ctx, systemActor(), vol.code, {
          ...inPerson('2025-11-03'),
          applicant: applicant({
            id_number: '110105194912310021'.slice(0, 17) + 'X',
            name: '李四',
          }),
        })
      ).ref;
    const view = await getCase(ctx, systemActor(), vol.code, last);
    expect(view.volume.inMonth).toBe(11);
    expect(view.volume.warning).toContain('条例第三十五条');
  });

  it('assigns, transfers and notes a case, and records appeals', async () => {
    const ctx = get();
    const { ref } = await registerApplication(ctx, worker, org.code, inPerson());
    await assignApplication(ctx, worker, org.code, ref, worker.userId);
    await expect(assignApplication(ctx, worker, org.code, ref, 424242)).rejects.toMatchObject({
      code: 'ERR_ASSIGNEE',
    });
    await addNote(ctx, worker, org.code, ref, '已电话联系申请人');
    const view = await getCase(ctx, worker, org.code, ref);
    expect(view.app.assigned_to).toBe(worker.userId);
    expect(view.notes.map((n) => n.body)).toEqual(['已电话联系申请人']);
    expect(
      await saveAppeal(ctx, worker, org.code, {
        ref: '温政复〔2025〕1号',
        application: ref,
        kind: 'review',
        filed_on: '2025-11-01',
      }),
    ).toEqual({ created: true });
    expect(
      await saveAppeal(ctx, worker, org.code, {
        ref: '温政复〔2025〕1号',
        application: ref,
        kind: 'review',
        filed_on: '2025-11-01',
        decided_on: '2025-11-20',
        result: 'maintained',
      }),
    ).toEqual({ created: false });
    await expect(
      saveAppeal(ctx, worker, org.code, {
        ref: 'x',
        application: 'NOPE',
        kind: 'review',
        filed_on: '2025-11-01',
      }),
    ).rejects.toMatchObject({ code: 'ERR_APPEAL_APPLICATION' });
    expect((await listAppeals(ctx, worker, org.code, true)).length).toBe(0);
    expect((await listAppeals(ctx, worker, org.code))[0]).toMatchObject({
      result: 'maintained',
      application: ref,
    });
  });
});
