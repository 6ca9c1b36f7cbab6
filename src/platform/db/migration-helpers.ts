import type { CreateTableBuilder, Kysely } from 'kysely';
import { dialectOf } from './database.js';

/** Adds an auto-increment integer primary key in the form each dialect wants. */
export function withId<T extends string>(
  db: Kysely<unknown>,
  table: CreateTableBuilder<T, never>,
  column = 'id',
): CreateTableBuilder<T, string> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<unknown> passes here
  return dialectOf(db as any) === 'postgres'
    ? table.addColumn(column, 'serial', (c) => c.primaryKey())
    : table.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement());
}
