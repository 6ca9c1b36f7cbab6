import crypto from 'node:crypto';
import { sql, type Expression } from 'kysely';
import type pg from 'pg';

/**
 * Prepared statements for the few hot queries every staff request runs (the session, the org and
 * its ancestors, the case lists). PostgreSQL plans an unnamed statement on every execution; for
 * these queries over a table with many indexes the planning costs more than the query (the case
 * list: about 1.2 ms planning beside 0.3 ms execution on the 100,000-application org). A query
 * marked with `prepared()` is sent as a named statement, so each connection plans it once (PostgreSQL
 * keeps a custom plan for the first five executions, then a generic plan when it costs no more).
 *
 * Only queries whose plan does not depend on the values should be marked: not a `LIKE $1` prefix
 * search (a generic plan cannot use the index range), not the full-text search. SQLite ignores the
 * mark (a comment).
 */

export const PREPARED_MARK = '/*gk:prepared*/';

/** The mark, for `.modifyFront(prepared())` on a query builder or at the head of a `sql` text. */
export function prepared(): Expression<unknown> {
  return sql.raw(PREPARED_MARK);
}

/** Named statements one connection may hold; past this, marked queries run unnamed. */
export const MAX_PREPARED_PER_CONNECTION = 200;

type QueryFn = pg.PoolClient['query'];

/** The statement name of a marked SQL text (stable across processes and connections). */
export function statementName(text: string): string {
  return `gk_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
}

/** SQLSTATE 0A000 "cached plan must not change result type": a column was added meanwhile. */
function isStalePlan(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '0A000';
}

const names = new WeakMap<pg.PoolClient, Set<string>>();

/**
 * A pool whose clients send marked queries as named statements. Kysely's PostgreSQL driver calls
 * `client.query(text, values)`; everything else (cursors, unmarked text) passes through.
 * A statement whose result type changed under it (another instance ran a migration that added a
 * column to a `SELECT *` table) is dropped from the connection and the query retried unnamed,
 * so the next use prepares it afresh.
 */
export function preparingPool(pool: pg.Pool): {
  connect(): Promise<pg.PoolClient>;
  end(): Promise<void>;
} {
  return {
    async connect() {
      const client = await pool.connect();
      let held = names.get(client);
      if (!held) names.set(client, (held = new Set()));
      const known = held;
      const original = client.query.bind(client) as (...args: unknown[]) => unknown;
      const query = (...args: unknown[]): unknown => {
        const [text, values] = args;
        if (typeof text !== 'string' || !text.includes(PREPARED_MARK)) return original(...args);
        const name = statementName(text);
        if (!known.has(name) && known.size >= MAX_PREPARED_PER_CONNECTION)
          return original(text, values);
        known.add(name);
        return (original({ name, text, values }) as Promise<pg.QueryResult>).catch(
          async (err: unknown) => {
            if (!isStalePlan(err)) throw err;
            known.delete(name);
            const conn = (client as unknown as { connection?: { parsedStatements?: object } })
              .connection;
            if (conn?.parsedStatements)
              delete (conn.parsedStatements as Record<string, string>)[name];
            await (original(`DEALLOCATE ${name}`) as Promise<unknown>).catch(() => {});
            return original(text, values);
          },
        );
      };
      // A wrapper per checkout with what Kysely uses; the pooled client is left as it is.
      return {
        query: query as QueryFn,
        release: (err?: Error | boolean) => client.release(err),
      } as pg.PoolClient;
    },
    end: () => pool.end(),
  };
}
