import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest } from './migrate.js';
import { openTestDatabase, testDialects } from './test-helper.js';

describe('migrations', () => {
  for (const dialect of testDialects()) {
    it(`apply on ${dialect} and are idempotent`, async () => {
      const t = await openTestDatabase(dialect);
      try {
        // openTestDatabase already migrated: a second run applies nothing.
        expect(await migrateToLatest(t.database.db)).toEqual([]);
        await t.database.db.insertInto('settings').values({ key: 'k', value: 'v' }).execute();
        const row = await t.database.db
          .selectFrom('settings')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(row.n)).toBe(1);
      } finally {
        await t.drop();
      }
    });
  }
});
