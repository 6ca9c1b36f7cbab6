import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createTestOrg } from '../../../test/factories.js';
import { describeEachDb } from './test-helper.js';
import { MAX_PREPARED_PER_CONNECTION, prepared, PREPARED_MARK, statementName } from './prepared.js';

/**
 * Queries marked `prepared()` (src/platform/db/prepared.ts): on PostgreSQL they run as named
 * statements, planned once per connection, and survive a column added under a `SELECT *`; on
 * SQLite the mark is a comment. Both give the same rows as the unmarked query.
 */
describeEachDb('prepared statements', (get, dialect) => {
  const marked = (id: number) =>
    get()
      .db.selectFrom('orgs')
      .modifyFront(prepared())
      .select(['id', 'code'])
      .where('id', '>=', id)
      .orderBy('id');

  it('answers a marked query as the same query unmarked, on every call', async () => {
    const ctx = get();
    await createTestOrg(ctx, { code: 'prep-a' });
    const plain = await ctx.db.selectFrom('orgs').select(['id', 'code']).orderBy('id').execute();
    expect(plain.length).toBeGreaterThan(0);
    for (let i = 0; i < 8; i++) expect(await marked(0).execute()).toEqual(plain);
    expect(marked(0).compile().sql).toContain(PREPARED_MARK);
  });

  it('names a marked statement on the connection, and leaves other queries unnamed', async () => {
    if (dialect !== 'postgres') return;
    await get()
      .db.connection()
      .execute(async (conn) => {
        const text = marked(0).compile().sql;
        await conn
          .selectFrom('orgs')
          .modifyFront(prepared())
          .select(['id', 'code'])
          .where('id', '>=', 0)
          .orderBy('id')
          .execute();
        await conn.selectFrom('orgs').select('id').execute();
        const names = await sql<{ name: string; statement: string }>`
          SELECT name, statement FROM pg_prepared_statements`.execute(conn);
        expect(names.rows.map((r) => r.name)).toContain(statementName(text));
        expect(names.rows.every((r) => r.statement.includes(PREPARED_MARK))).toBe(true);
      });
  });

  it('recovers when a column is added under a prepared SELECT *', async () => {
    const ctx = get();
    const q = () =>
      ctx.db.selectFrom('orgs').modifyFront(prepared()).selectAll().where('code', '=', 'prep-a');
    await ctx.db.connection().execute(async (conn) => {
      const star = () =>
        conn.selectFrom('orgs').modifyFront(prepared()).selectAll().where('code', '=', 'prep-a');
      expect(await star().execute()).toHaveLength(1);
      await sql`ALTER TABLE orgs ADD COLUMN prep_extra integer`.execute(conn);
      try {
        const rows = await star().execute();
        expect(rows).toHaveLength(1);
        expect(rows[0]).toHaveProperty('prep_extra', null);
        // And the statement is prepared afresh for the next call.
        expect(await star().execute()).toHaveLength(1);
      } finally {
        await sql`ALTER TABLE orgs DROP COLUMN prep_extra`.execute(conn);
      }
    });
    expect(await q().execute()).toHaveLength(1);
  });

  it('stops naming statements past the per-connection limit and still answers', async () => {
    if (dialect !== 'postgres') return;
    await get()
      .db.connection()
      .execute(async (conn) => {
        for (let i = 0; i < MAX_PREPARED_PER_CONNECTION + 5; i++) {
          const r = await sql<{ n: number }>`${prepared()} SELECT ${sql.lit(i)}::int AS n`.execute(
            conn,
          );
          expect(r.rows[0]?.n).toBe(i);
        }
        const n = await sql<{
          n: string;
        }>`SELECT count(*) AS n FROM pg_prepared_statements`.execute(conn);
        expect(Number(n.rows[0]?.n)).toBeLessThanOrEqual(MAX_PREPARED_PER_CONNECTION);
      });
  });
});
