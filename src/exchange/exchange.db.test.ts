import { expect, it } from 'vitest';
import { systemActor, type Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { exportExchange } from './exchange.export.js';
import { sampleDocument } from './exchange.fixtures.js';
import { importExchange, parseExchangeText } from './exchange.import.js';

const cli = systemActor('cli');
const auditCount = async (ctx: AppContext) =>
  Number(
    (
      await ctx.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const orgCount = async (ctx: AppContext) =>
  Number(
    (
      await ctx.db
        .selectFrom('orgs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const byCode = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  String(a.code).localeCompare(String(b.code));

describeEachDb('exchange import and export of orgs', (get) => {
  it('refuses a file with invalid records, reporting each with its JSON path, and imports nothing', async () => {
    const ctx = get();
    const doc = sampleDocument();
    doc.orgs[0] = { ...doc.orgs[0], kind: 'ministry' };
    doc.orgs[1] = { ...doc.orgs[1], uscc: '11441700007280420X' };
    doc.orgs[2] = { ...doc.orgs[2], code: 'Bad Code', colour: 'red' };
    const err = await importExchange(ctx, cli, doc).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_VALIDATION' });
    expect(Object.keys((err as { fields: Record<string, string> }).fields).sort()).toEqual([
      'orgs[0].kind',
      'orgs[1].uscc',
      'orgs[2]',
      'orgs[2].code',
    ]);
    expect(await orgCount(ctx)).toBe(0);
  });

  it('refuses unknown top-level fields and a wrong format name', async () => {
    const ctx = get();
    await expect(importExchange(ctx, cli, { ...sampleDocument(), extra: 1 })).rejects.toMatchObject(
      { code: 'ERR_VALIDATION', fields: { _: expect.any(String) } },
    );
    await expect(
      importExchange(ctx, cli, { ...sampleDocument(), format: 'other' }),
    ).rejects.toMatchObject({ code: 'ERR_VALIDATION', fields: { format: expect.any(String) } });
  });

  it('refuses unresolved parents, duplicate codes and cycles with their paths, importing nothing', async () => {
    const ctx = get();
    const doc = sampleDocument();
    doc.orgs.push({ ...doc.orgs[2], code: 'wzgxq-jd' });
    doc.orgs.push({ ...doc.orgs[2], code: 'lost', parent: 'nowhere' });
    doc.orgs.push(
      { ...doc.orgs[2], code: 'loop-a', parent: 'loop-b' },
      { ...doc.orgs[2], code: 'loop-b', parent: 'loop-a' },
    );
    await expect(importExchange(ctx, cli, doc)).rejects.toMatchObject({
      code: 'ERR_IMPORT_REFERENCE',
      fields: {
        'orgs[3].code': expect.any(String),
        'orgs[4].parent': expect.any(String),
        'orgs[5].parent': expect.any(String),
        'orgs[6].parent': expect.any(String),
      },
    });
    expect(await orgCount(ctx)).toBe(0);
  });

  it('imports orgs with parents listed after their children', async () => {
    const ctx = get();
    expect(await importExchange(ctx, cli, sampleDocument())).toEqual({
      orgs: { created: 3, updated: 0, unchanged: 0 },
    });
    const rows = await ctx.db
      .selectFrom('orgs as o')
      .leftJoin('orgs as p', 'p.id', 'o.parent_id')
      .select(['o.code', 'p.code as parent'])
      .orderBy('o.code')
      .execute();
    expect(rows).toEqual([
      { code: 'wzgxq', parent: null },
      { code: 'wzgxq-cz', parent: 'wzgxq' },
      { code: 'wzgxq-jd', parent: 'wzgxq' },
    ]);
  });

  it('changes nothing and writes no audit entry when the same file is imported again', async () => {
    const ctx = get();
    const before = await auditCount(ctx);
    expect(await importExchange(ctx, cli, sampleDocument())).toEqual({
      orgs: { created: 0, updated: 0, unchanged: 3 },
    });
    expect(await auditCount(ctx)).toBe(before);
  });

  it('updates and audits a changed record', async () => {
    const ctx = get();
    const before = await auditCount(ctx);
    const doc = sampleDocument();
    doc.orgs[0] = { ...doc.orgs[0], name: '温州高新区财政金融局' };
    expect(await importExchange(ctx, cli, doc)).toEqual({
      orgs: { created: 0, updated: 1, unchanged: 2 },
    });
    expect(await auditCount(ctx)).toBe(before + 1);
    const entry = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'org.update', actor_name: 'cli' });
    expect(JSON.parse(entry.diff)).toEqual({
      before: { name: '温州高新区财政局' },
      after: { name: '温州高新区财政金融局' },
    });
  });

  it('round-trips: the export of an imported file deep-equals the file', async () => {
    const ctx = get();
    const doc = sampleDocument();
    doc.orgs[0] = { ...doc.orgs[0], name: '温州高新区财政金融局' };
    const exported = await exportExchange(ctx, cli);
    expect({ ...exported, orgs: [...exported.orgs].sort(byCode) }).toEqual({
      ...doc,
      orgs: [...doc.orgs].sort(byCode),
    });
    // And it re-imports as unchanged.
    expect(await importExchange(ctx, cli, parseExchangeText(JSON.stringify(exported)))).toEqual({
      orgs: { created: 0, updated: 0, unchanged: 3 },
    });
  });

  it('exports one org with its descendants, parents first', async () => {
    const ctx = get();
    await importExchange(ctx, cli, {
      format: 'gongkai-exchange',
      version: 1,
      orgs: [{ code: 'elsewhere', name: '其他单位', kind: 'other' }],
    });
    const exported = await exportExchange(ctx, cli, { orgCode: 'wzgxq' });
    expect(exported.orgs.map((o) => o.code)).toEqual(['wzgxq', 'wzgxq-cz', 'wzgxq-jd']);
    await expect(exportExchange(ctx, cli, { orgCode: 'nope' })).rejects.toMatchObject({
      code: 'ERR_ORG_NOT_FOUND',
    });
  });

  it('refuses a USCC being cleared when the 索引号 template is built on it', async () => {
    const ctx = get();
    const doc = sampleDocument();
    doc.orgs[1] = { ...doc.orgs[1], uscc: null };
    await expect(importExchange(ctx, cli, doc)).rejects.toMatchObject({
      code: 'ERR_IMPORT_REFERENCE',
      fields: { 'orgs[1].uscc': expect.any(String) },
    });
  });

  it('lets only platform admins import', async () => {
    const ctx = get();
    const staff: Actor = { userId: 5, username: 'staff', isPlatformAdmin: false, grants: [] };
    await expect(importExchange(ctx, staff, sampleDocument())).rejects.toMatchObject({
      code: 'ERR_IMPORT_FORBIDDEN',
    });
    await expect(exportExchange(ctx, staff)).rejects.toMatchObject({
      code: 'ERR_EXPORT_FORBIDDEN',
    });
  });

  it('reports a file that is not JSON', () => {
    expect(() => parseExchangeText('{ nope')).toThrow(
      expect.objectContaining({ code: 'ERR_IMPORT_JSON' }),
    );
  });
});
