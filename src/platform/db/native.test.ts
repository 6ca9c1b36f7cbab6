import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import { openDatabase, type Database } from './database.js';
import { sqliteRankFunction } from './native.js';

/**
 * gk_bm25 (native/gk_rank.c, built by npm install) gives FTS5 bm25()'s scores. It remembers
 * each token's document count between statements while nothing is written, and on an index of
 * 100,000 rows or more also until the index has changed by more than 0.1 % of its rows or
 * tokens (or ten minutes have passed).
 */

const WEIGHTS = '10, 8, 3, 1, 0.6';
const LARGE = 100_000;

describe('gk_bm25, the SQLite search ranking function', () => {
  let database: Database;

  beforeAll(async () => {
    database = openDatabase('sqlite::memory:');
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
      title, numbers, summary, body, attachments,
      content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(
      database.db,
    );
  });
  afterAll(async () => database.close());

  async function scores(match: string): Promise<{ id: number; bm25: number; gk: number }[]> {
    const r = await sql<{ id: number; bm25: number; gk: number }>`
      SELECT rowid AS id, ${sql.raw(`bm25(search_fts, ${WEIGHTS})`)} AS bm25,
        ${sql.raw(`gk_bm25(search_fts, ${WEIGHTS})`)} AS gk
      FROM search_fts WHERE search_fts MATCH ${match} ORDER BY rowid`.execute(database.db);
    return r.rows;
  }
  async function insert(from: number, n: number, title: string, body: string): Promise<void> {
    await sql`WITH RECURSIVE s(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM s
        WHERE i < ${from + n - 1})
      INSERT INTO search_fts (rowid, title, numbers, summary, body, attachments)
      SELECT i, ${title}, '', '', ${body}, '' FROM s`.execute(database.db);
  }

  it('is loaded (npm install builds it)', () => {
    expect(sqliteRankFunction()).toBe('gk_bm25');
  });

  it('scores as bm25() on a small index, also right after the index changes', async () => {
    await insert(1, 20, '社保 补贴 通知', '关于 社保 补贴 的 通知 正文');
    await insert(21, 20, '公积金 通知', '公积金 贷款 正文 社保');
    for (const match of ['"社保"', '"社保" AND "通知"', '"公积金" OR "补贴"', '"正文"']) {
      const rows = await scores(match);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.gk).toBeCloseTo(r.bm25, 12);
    }
    // Same number of rows and tokens, different words: written since, so counted again.
    await sql`DELETE FROM search_fts WHERE rowid = 40`.execute(database.db);
    await insert(40, 1, '社保 通知', '关于 补贴 正文 社保');
    for (const r of await scores('"社保"')) expect(r.gk).toBeCloseTo(r.bm25, 12);
    // Inside a transaction, its own uncommitted write counts as a change too.
    await database.db.transaction().execute(async (trx) => {
      const before = await sql`SELECT ${sql.raw(`gk_bm25(search_fts, ${WEIGHTS})`)} AS gk
        FROM search_fts WHERE search_fts MATCH '"补贴"'`.execute(trx);
      expect(before.rows).toHaveLength(21);
      await sql`INSERT INTO search_fts (rowid, title) VALUES (41, '补贴')`.execute(trx);
      const r = await sql<{ bm25: number; gk: number }>`SELECT
          ${sql.raw(`bm25(search_fts, ${WEIGHTS})`)} AS bm25,
          ${sql.raw(`gk_bm25(search_fts, ${WEIGHTS})`)} AS gk
        FROM search_fts WHERE search_fts MATCH '"补贴"'`.execute(trx);
      expect(r.rows).toHaveLength(22);
      for (const x of r.rows) expect(x.gk).toBeCloseTo(x.bm25, 12);
    });
    await sql`DELETE FROM search_fts`.execute(database.db);
  });

  it('counts again after another connection (another process) wrote to the index', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-rank-'));
    const a = openDatabase(`sqlite:${path.join(dir, 'a.sqlite')}`);
    const b = openDatabase(`sqlite:${path.join(dir, 'a.sqlite')}`);
    try {
      await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='',
        contentless_delete=1)`.execute(a.db);
      const rank = sql.raw(`bm25(search_fts, 10, 1) AS bm25, gk_bm25(search_fts, 10, 1) AS gk`);
      await sql`INSERT INTO search_fts (rowid, title, body) VALUES (1, '社保', ''), (2, '通知', ''),
        (3, '通知', '')`.execute(a.db);
      const first = await sql<{ bm25: number; gk: number }>`SELECT ${rank} FROM search_fts
        WHERE search_fts MATCH '"社保"'`.execute(a.db);
      expect(first.rows[0]?.gk).toBeCloseTo(first.rows[0]?.bm25 ?? NaN, 12);
      // The other connection replaces a row: same rows and tokens, 社保 now in two of three.
      await sql`DELETE FROM search_fts WHERE rowid = 2`.execute(b.db);
      await sql`INSERT INTO search_fts (rowid, title, body) VALUES (2, '社保', '')`.execute(b.db);
      const after = await sql<{ bm25: number; gk: number }>`SELECT ${rank} FROM search_fts
        WHERE search_fts MATCH '"社保"'`.execute(a.db);
      expect(after.rows).toHaveLength(2);
      for (const r of after.rows) expect(r.gk).toBeCloseTo(r.bm25, 12);
    } finally {
      await a.close();
      await b.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('remembers a token count on a large index until it changes by more than 0.1 %', async () => {
    await insert(1, LARGE, '通知', '正文');
    await insert(LARGE + 1, 100, '社保 补贴', '正文');
    const first = await scores('"社保"');
    expect(first).toHaveLength(100);
    for (const r of first) expect(r.gk).toBeCloseTo(r.bm25, 12);
    // 50 more rows with the word (0.05 % of the index): gk_bm25 keeps the count of 100.
    await insert(LARGE + 101, 50, '社保', '正文');
    const lagging = await scores('"社保"');
    expect(lagging).toHaveLength(150);
    // The remembered count (100 rows, not 150) makes the word rarer: higher IDF, lower score.
    for (const r of lagging) expect(r.gk).toBeLessThan(r.bm25 - 0.5);
    // 200 more rows (past 0.1 % in all): counted again, equal to bm25() again.
    await insert(LARGE + 151, 200, '社保', '正文');
    for (const r of await scores('"社保"')) expect(r.gk).toBeCloseTo(r.bm25, 12);
  });
});
