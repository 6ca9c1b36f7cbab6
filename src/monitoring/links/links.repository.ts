import type { Selectable } from 'kysely';
import type { Conn } from '../../platform/db/database.js';
import type { LinkCheckFindingsTable, LinkCheckRunsTable } from '../../platform/db/schema.js';
import type { BrokenLink, CrawlSummary } from './links.model.js';

/** All SQL of the link checker. Functions take the database or a transaction first. */
export type LinkCheckRunRow = Selectable<LinkCheckRunsTable>;
export type LinkCheckFindingRow = Selectable<LinkCheckFindingsTable>;

/** Records the start of a crawl; returns the run id. */
export async function insertRun(
  conn: Conn,
  run: { orgId: number | null; startUrl: string; startedAt: string },
): Promise<number> {
  const row = await conn
    .insertInto('link_check_runs')
    .values({
      org_id: run.orgId,
      start_url: run.startUrl,
      started_at: run.startedAt,
      finished_at: null,
      status: 'running',
      pages: 0,
      links: 0,
      broken_on_home: 0,
      broken_on_other_pages: 0,
      error: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Stores the totals and the broken links of a finished crawl. */
export async function finishRun(
  conn: Conn,
  runId: number,
  finishedAt: string,
  summary: CrawlSummary,
  broken: readonly BrokenLink[],
): Promise<void> {
  await conn
    .updateTable('link_check_runs')
    .set({
      finished_at: finishedAt,
      status: 'done',
      pages: summary.pages,
      links: summary.links,
      broken_on_home: summary.brokenOnHome,
      broken_on_other_pages: summary.brokenOnOtherPages,
    })
    .where('id', '=', runId)
    .execute();
  const rows = broken.map((b) => ({
    run_id: runId,
    page: b.page,
    url: b.url,
    text: b.text,
    status: String(b.status),
    on_home: b.onHome ? 1 : 0,
  }));
  // Batches keep each statement under the bind-parameter limits of both databases.
  for (let i = 0; i < rows.length; i += 500)
    await conn
      .insertInto('link_check_findings')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Marks a crawl that could not run to the end. */
export async function failRun(
  conn: Conn,
  runId: number,
  finishedAt: string,
  error: string,
): Promise<void> {
  await conn
    .updateTable('link_check_runs')
    .set({ finished_at: finishedAt, status: 'failed', error: error.slice(0, 500) })
    .where('id', '=', runId)
    .execute();
}

/** Latest runs of an org (or of ad-hoc URLs with `null`), newest first. */
export async function latestRuns(
  conn: Conn,
  orgId: number | null,
  limit = 10,
): Promise<LinkCheckRunRow[]> {
  let q = conn.selectFrom('link_check_runs').selectAll();
  q = orgId === null ? q.where('org_id', 'is', null) : q.where('org_id', '=', orgId);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

/** Broken links of a run, home page first. */
export async function findingsOf(conn: Conn, runId: number): Promise<LinkCheckFindingRow[]> {
  return conn
    .selectFrom('link_check_findings')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('on_home', 'desc')
    .orderBy('id')
    .execute();
}

/** Deletes the findings of an org's runs older than its `keep` latest (the run rows stay). */
export async function pruneFindings(conn: Conn, orgId: number, keep: number): Promise<number> {
  const runs = await conn
    .selectFrom('link_check_runs')
    .select('id')
    .where('org_id', '=', orgId)
    .orderBy('id', 'desc')
    .execute();
  const old = runs.slice(keep).map((r) => r.id);
  if (old.length === 0) return 0;
  const r = await conn
    .deleteFrom('link_check_findings')
    .where('run_id', 'in', old)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
