import { expect, it } from 'vitest';
import { describeEachDb } from '../platform/db/test-helper.js';
import { findOrg, parentOf } from '../orgs/orgs.service.js';
import { seedDemo } from './seed.js';

describeEachDb('demo seed', (get) => {
  it('creates the seed report body under 温州市人民政府 and a demo admin, once', async () => {
    const first = await seedDemo(get());
    expect(first.adminPassword).toMatch(/^\S{12,}$/);
    const zone = await findOrg(get(), 'wzgxq');
    expect(zone).toMatchObject({ name: '温州高新区(经开区)管委会', kind: 'zone' });
    if (!zone) throw new Error('wzgxq missing');
    expect((await parentOf(get(), zone))?.code).toBe('wenzhou');
    expect(zone.contact.phone).toBe('0577-86906612');

    const second = await seedDemo(get());
    expect(second.adminPassword).toBeNull();
    const admins = await get()
      .db.selectFrom('users')
      .select('username')
      .where('username', '=', 'admin')
      .execute();
    expect(admins).toHaveLength(1);
    // The demo catalogue is searchable from the first start, not after hours of repair passes.
    const [items, docs] = await Promise.all(
      (['items', 'search_docs'] as const).map(async (t) =>
        Number(
          (
            await get()
              .db.selectFrom(t)
              .select((e) => e.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ),
    );
    expect(items).toBeGreaterThan(5000);
    expect(docs).toBeGreaterThan(5000);
  });
});
