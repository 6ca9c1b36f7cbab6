import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestOrg, createTestUser, signIn } from '../../test/factories.js';
import { systemActor } from '../platform/authz.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';
import { buildJobRegistry } from '../platform/jobs/all-jobs.js';
import type { NewApplication } from './applications.model.js';
import { recordReminders, refreshOpenClocks } from './dashboard.service.js';
import { registerApplication } from './requests.service.js';

const application = (submitted: string, id: string): NewApplication => ({
  applicant: {
    type: 'natural_person',
    name: '李四',
    id_type: 'resident_id',
    id_number: id,
    phone: null,
    email: null,
    address: null,
    postcode: null,
  },
  channel: 'in_person',
  submitted_on: submitted,
  description: '某项目的环评批复',
  delivery: 'paper',
});

describeEachDb('dashboard and reminders', (get) => {
  let app: FastifyInstance;
  let clerk: { cookie: string; csrf: string };
  const org = { id: 0, code: 'dash-org' };

  beforeAll(async () => {
    const ctx = get();
    ctx.now = () => new Date('2025-11-28T02:00:00Z');
    org.id = (await createTestOrg(ctx, { code: org.code })).id;
    app = await buildApp(ctx);
    const u = await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'case_worker' }] });
    clerk = await signIn(app, ctx, u);
    // Received 2025-10-31: due 2025-11-28 (today); received 2025-10-20: overdue.
    await registerApplication(
      ctx,
      systemActor(),
      org.code,
      application('2025-10-31', '110101199003070011'),
    );
    await registerApplication(
      ctx,
      systemActor(),
      org.code,
      application('2025-10-20', '110101199003070011'),
    );
    for (let d = 3; d <= 13; d++)
      await registerApplication(
        ctx,
        systemActor(),
        org.code,
        application(`2025-11-${String(d).padStart(2, '0')}`, '11010519491231002X'),
      );
  });
  afterAll(async () => {
    await app.close();
  });

  it('registers the two daily jobs of 依申请公开', () => {
    const names = buildJobRegistry()
      .scheduled()
      .map((j) => j.name);
    expect(names).toEqual(
      expect.arrayContaining(['requests.refresh_clocks', 'requests.reminders']),
    );
  });

  it('records reminders once a day for cases due soon or overdue, and shows them', async () => {
    const ctx = get();
    expect(await refreshOpenClocks(ctx)).toBe(13);
    const first = await recordReminders(ctx, 3);
    expect(first).toBeGreaterThanOrEqual(2);
    expect(await recordReminders(ctx, 3)).toBe(0);
    const kinds = (await ctx.db.selectFrom('request_reminders').select('kind').execute()).map(
      (r) => r.kind,
    );
    expect(kinds).toContain('overdue');
    expect(kinds).toContain('due_soon');
    const page = await app.inject({
      method: 'GET',
      url: `/admin/orgs/${org.code}/requests`,
      headers: { cookie: clerk.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('今日提醒');
    expect(page.body).toContain('已逾期');
    expect(page.body).toContain('大量、频繁申请');
    expect(page.body).toContain('已申请 11 件');
  });
});
