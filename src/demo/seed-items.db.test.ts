import { expect, it } from 'vitest';
import { describeEachDb } from '../platform/db/test-helper.js';
import { proactiveFigures } from '../catalogue/figures.service.js';
import { findOrg } from '../orgs/orgs.service.js';
import { DEMO_2022, generateDemoItems } from './demo-items.js';
import { seedDemo } from './seed.js';

describeEachDb('demo catalogue of wzgxq', (get) => {
  it('reproduces the seed report: 4058 items published in 2022, 3686 on the portal, 372 on the platform', async () => {
    await seedDemo(get());
    const org = await findOrg(get(), 'wzgxq');
    if (!org) throw new Error('wzgxq missing');
    const f = await proactiveFigures(get(), org.id, 2022);
    expect(f.channels.portal).toBe(3686);
    expect(f.channels.platform).toBe(372);
    const published2022 = await get()
      .db.selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', org.id)
      .where('attribute', '=', 'active')
      .where('published_on', '>=', '2022-01-01')
      .where('published_on', '<=', '2022-12-31')
      .executeTakeFirstOrThrow();
    expect(Number(published2022.n)).toBe(DEMO_2022.total);
    expect(f.normative_documents.issued).toBe(18);
  });

  it('has items of 2021 and 2023–2026, and every policy of the demo has its interpretation', async () => {
    const org = await findOrg(get(), 'wzgxq');
    if (!org) throw new Error('wzgxq missing');
    const years = await get()
      .db.selectFrom('items')
      .select('published_on')
      .where('org_id', '=', org.id)
      .where('published_on', 'is not', null)
      .execute();
    const seen = new Set(years.map((y) => y.published_on?.slice(0, 4)));
    for (const y of ['2021', '2022', '2023', '2024', '2025', '2026'])
      expect(seen.has(y), y).toBe(true);
    const policies = await get()
      .db.selectFrom('items')
      .select('ref')
      .where('org_id', '=', org.id)
      .where('doc_type', '=', 'normative')
      .execute();
    const interpreted = await get()
      .db.selectFrom('items')
      .select('interprets_ref')
      .where('org_id', '=', org.id)
      .where('interprets_ref', 'is not', null)
      .execute();
    const refs = new Set(interpreted.map((i) => i.interprets_ref));
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) expect(refs.has(p.ref), p.ref).toBe(true);
  });

  it('is idempotent: a second seed adds nothing', async () => {
    const count = async () =>
      Number(
        (
          await get()
            .db.selectFrom('items')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    expect(before).toBe(generateDemoItems().length);
    await seedDemo(get());
    expect(await count()).toBe(before);
  });
});

it('generates the same demo items on every run', () => {
  expect(JSON.stringify(generateDemoItems())).toBe(JSON.stringify(generateDemoItems()));
});
