import { expect, it } from 'vitest';
import { systemActor, type Actor } from '../platform/authz.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { emptyContact, type OrgInput } from './orgs.model.js';
import {
  ancestorsOf,
  createOrg,
  descendantsOf,
  getOrgFor,
  nextIndexNo,
  updateOrg,
} from './orgs.service.js';

const admin = systemActor('test');

function input(
  code: string,
  parentCode: string | null = null,
  extra: Partial<OrgInput> = {},
): OrgInput {
  return {
    code,
    name: `单位${code}`,
    kind: 'department',
    parentCode,
    uscc: null,
    siteIdCode: null,
    contact: emptyContact(),
    ...extra,
  };
}

describeEachDb('orgs service', (get) => {
  it('creates orgs in a hierarchy and answers ancestors and descendants', async () => {
    const ctx = get();
    const city = await createOrg(
      ctx,
      admin,
      input('city', null, { kind: 'government', uscc: '11441700007280420Y' }),
    );
    const dept = await createOrg(ctx, admin, input('city-dept', 'city'));
    const unit = await createOrg(ctx, admin, input('city-unit', 'city-dept'));
    expect(city.indexTemplate.prefix).toBe('uscc');
    expect(dept.indexTemplate.prefix).toBe('code');
    expect((await ancestorsOf(ctx, unit.id)).map((o) => o.code)).toEqual(['city-dept', 'city']);
    expect((await descendantsOf(ctx, city.id)).map((o) => o.code).sort()).toEqual([
      'city-dept',
      'city-unit',
    ]);
    expect(await descendantsOf(ctx, unit.id)).toEqual([]);
  });

  it('refuses a duplicate code and an unknown parent', async () => {
    const ctx = get();
    await expect(createOrg(ctx, admin, input('city'))).rejects.toMatchObject({
      code: 'ERR_ORG_CODE_TAKEN',
      fields: { code: expect.any(String) },
    });
    await expect(createOrg(ctx, admin, input('orphan', 'nowhere'))).rejects.toMatchObject({
      code: 'ERR_ORG_PARENT_NOT_FOUND',
    });
  });

  it('updates an org and audits the change in before/after form', async () => {
    const ctx = get();
    const updated = await updateOrg(
      ctx,
      admin,
      'city-dept',
      input('city-dept', 'city', {
        name: '市发展和改革委员会',
        contact: { ...emptyContact(), phone: '0577-88888888' },
      }),
    );
    expect(updated.name).toBe('市发展和改革委员会');
    const entry = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'org.update')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.diff)).toEqual({
      before: { name: '单位city-dept', contact_phone: null },
      after: { name: '市发展和改革委员会', contact_phone: '0577-88888888' },
    });
  });

  it('writes no audit entry when an update changes nothing', async () => {
    const ctx = get();
    const count = async () =>
      (
        await ctx.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = Number(await count());
    const current = await getOrgFor(ctx, admin, 'city-dept');
    await updateOrg(ctx, admin, 'city-dept', {
      ...input('city-dept', 'city'),
      name: current.name,
      contact: current.contact,
    });
    expect(Number(await count())).toBe(before);
  });

  it('refuses to make an org its own parent or the child of its descendant', async () => {
    const ctx = get();
    await expect(
      updateOrg(ctx, admin, 'city', input('city', 'city', { uscc: '11441700007280420Y' })),
    ).rejects.toMatchObject({ code: 'ERR_ORG_CYCLE' });
    await expect(
      updateOrg(ctx, admin, 'city', input('city', 'city-unit', { uscc: '11441700007280420Y' })),
    ).rejects.toMatchObject({ code: 'ERR_ORG_CYCLE' });
  });

  it('lets an org admin update a child org but not an unrelated one, nor create top-level orgs', async () => {
    const ctx = get();
    await createOrg(ctx, admin, input('other'));
    const dept = await getOrgFor(ctx, admin, 'city-dept');
    const orgAdmin: Actor = {
      userId: 7,
      username: 'oa',
      isPlatformAdmin: false,
      grants: [{ orgId: dept.id, role: 'org_admin' }],
    };
    await expect(
      updateOrg(ctx, orgAdmin, 'city-unit', input('city-unit', 'city-dept', { name: '新名称' })),
    ).resolves.toMatchObject({ name: '新名称' });
    await expect(
      updateOrg(ctx, orgAdmin, 'other', input('other', null, { name: 'x' })),
    ).rejects.toMatchObject({ code: 'ERR_ORG_FORBIDDEN' });
    await expect(createOrg(ctx, orgAdmin, input('top2'))).rejects.toMatchObject({
      code: 'ERR_ORG_FORBIDDEN',
    });
    await expect(createOrg(ctx, orgAdmin, input('dept-sub', 'city-dept'))).resolves.toMatchObject({
      code: 'dept-sub',
    });
    // Moving its own org under a sibling needs create_child there: refused.
    await expect(
      updateOrg(ctx, orgAdmin, 'city-dept', input('city-dept', 'other')),
    ).rejects.toMatchObject({ code: 'ERR_ORG_FORBIDDEN' });
  });

  it('refuses a template that needs a USCC the org lacks', async () => {
    const ctx = get();
    const t = {
      prefix: 'uscc' as const,
      prefixText: null,
      separator: '/',
      period: 'year' as const,
      segmentSeparator: '-',
      category: 'none' as const,
      serialWidth: 5,
      reset: 'yearly' as const,
    };
    await expect(
      createOrg(ctx, admin, input('no-uscc', null, { indexTemplate: t })),
    ).rejects.toMatchObject({
      code: 'ERR_ORG_INDEX_TEMPLATE',
      fields: { tpl_prefix: expect.any(String) },
    });
  });

  it('issues consecutive index numbers per year and restarts the next year', async () => {
    const ctx = get();
    const city = await getOrgFor(ctx, admin, 'city');
    const issue = (date: string) =>
      ctx.db.transaction().execute((trx) => nextIndexNo(ctx, trx, city.id, date));
    expect(await issue('2021-03-01')).toBe('11441700007280420Y/2021-00001');
    expect(await issue('2021-12-31')).toBe('11441700007280420Y/2021-00002');
    expect(await issue('2022-01-01')).toBe('11441700007280420Y/2022-00001');
  });

  it('gives the number back when the transaction that took it rolls back', async () => {
    const ctx = get();
    const city = await getOrgFor(ctx, admin, 'city');
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await nextIndexNo(ctx, trx, city.id, '2023-05-01');
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(
      await ctx.db.transaction().execute((trx) => nextIndexNo(ctx, trx, city.id, '2023-05-01')),
    ).toBe('11441700007280420Y/2023-00001');
  });

  it('never hands out the same index number to concurrent callers', async () => {
    const ctx = get();
    const city = await getOrgFor(ctx, admin, 'city');
    const n = 40;
    const numbers = await Promise.all(
      Array.from({ length: n }, () =>
        ctx.db.transaction().execute((trx) => nextIndexNo(ctx, trx, city.id, '2024-06-01')),
      ),
    );
    expect(new Set(numbers).size).toBe(n);
    expect([...numbers].sort()).toEqual(
      Array.from(
        { length: n },
        (_, i) => `11441700007280420Y/2024-${String(i + 1).padStart(5, '0')}`,
      ),
    );
  });
});
