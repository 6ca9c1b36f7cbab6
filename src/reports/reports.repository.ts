import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Conn } from '../platform/db/database.js';
import type { AnnualFiguresTable, AnnualReportsTable } from '../platform/db/schema.js';

/** All SQL of the annual reports: the records the figures come from, and the reports. */

export type AnnualReportRow = Selectable<AnnualReportsTable>;
export type AnnualFiguresRow = Selectable<AnnualFiguresTable>;

/** Issued items of an org with the fields the figures need (EXCHANGE.md §2.1). */
export function itemRows(conn: Conn, orgId: number) {
  return (
    conn
      .selectFrom('items')
      .select([
        'id',
        'ref',
        'title',
        'doc_type',
        'formed_on',
        'published_on',
        'channels',
        'validity',
        'abolished_on',
        'attribute',
        'status',
      ])
      .where('org_id', '=', orgId)
      // Issued items only (published, or withdrawn after publication), as the catalogue counts them.
      .where('published_on', 'is not', null)
      .orderBy('id')
      .execute()
  );
}

/** Received applications of an org (no personal fields: the report does not need them). */
export function applicationRows(conn: Conn, orgId: number, upTo: string) {
  return conn
    .selectFrom('applications')
    .select(['id', 'ref', 'applicant_type', 'received_on', 'reply_due_on', 'concluded_on'])
    .where('org_id', '=', orgId)
    .where('received_on', 'is not', null)
    .where('received_on', '<=', upTo)
    .orderBy('id')
    .execute();
}

/** Events of the given applications, in order. */
export async function eventRowsOf(conn: Conn, applicationIds: number[]) {
  const out: Array<{ application_id: number; type: string; on: string; data: string }> = [];
  // Chunks keep the parameter count within what both databases accept.
  for (let i = 0; i < applicationIds.length; i += 5000) {
    const chunk = applicationIds.slice(i, i + 5000);
    out.push(
      ...(await conn
        .selectFrom('application_events')
        .select(['application_id', 'type', 'on', 'data'])
        .where('application_id', 'in', chunk)
        .orderBy('application_id')
        .orderBy('seq')
        .execute()),
    );
  }
  return out;
}

/** Appeals of an org. */
export function appealRows(conn: Conn, orgId: number) {
  return conn
    .selectFrom('appeals')
    .select(['id', 'ref', 'kind', 'filed_on', 'decided_on', 'result'])
    .where('org_id', '=', orgId)
    .orderBy('id')
    .execute();
}

/** The annual figures of an org (every year, both sources). */
export function figuresRows(conn: Conn, orgId: number): Promise<AnnualFiguresRow[]> {
  return conn
    .selectFrom('annual_figures')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('year')
    .execute();
}

/** One annual-figures entry by its key. */
export function figuresRow(conn: Conn, orgId: number, year: number, source: string) {
  return conn
    .selectFrom('annual_figures')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .where('source', '=', source)
    .executeTakeFirst();
}

export async function insertFigures(conn: Conn, row: Insertable<AnnualFiguresTable>) {
  await conn.insertInto('annual_figures').values(row).execute();
}

export async function updateFigures(conn: Conn, id: number, row: Updateable<AnnualFiguresTable>) {
  await conn.updateTable('annual_figures').set(row).where('id', '=', id).execute();
}

/** Every revision of an org's report for a year, newest first. */
export function reportRevisions(conn: Conn, orgId: number, year: number) {
  return conn
    .selectFrom('annual_reports')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .orderBy('revision', 'desc')
    .execute();
}

/** The latest revision of every report of the given orgs (all years or one). */
export async function latestReports(
  conn: Conn,
  orgIds: number[],
  year?: number,
): Promise<AnnualReportRow[]> {
  if (orgIds.length === 0) return [];
  let q = conn.selectFrom('annual_reports').selectAll().where('org_id', 'in', orgIds);
  if (year !== undefined) q = q.where('year', '=', year);
  const rows = await q.orderBy('org_id').orderBy('year').orderBy('revision').execute();
  const latest = new Map<string, AnnualReportRow>();
  for (const r of rows) latest.set(`${r.org_id}/${r.year}`, r);
  return [...latest.values()];
}

/** Published (current or amended) revisions of the given orgs, for the public pages and trends. */
export function publishedReports(conn: Conn, orgIds: number[]) {
  if (orgIds.length === 0) return Promise.resolve([] as AnnualReportRow[]);
  return conn
    .selectFrom('annual_reports')
    .selectAll()
    .where('org_id', 'in', orgIds)
    .where('state', 'in', ['published', 'amended'])
    .orderBy('year', 'desc')
    .orderBy('revision', 'desc')
    .execute();
}

export async function insertReport(conn: Conn, row: Insertable<AnnualReportsTable>) {
  const r = await conn
    .insertInto('annual_reports')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateReport(conn: Conn, id: number, row: Updateable<AnnualReportsTable>) {
  await conn.updateTable('annual_reports').set(row).where('id', '=', id).execute();
}

/** Items, applications or appeals of an org by their refs (the drill-down list). */
export function itemsByRefs(conn: Conn, orgId: number, refs: string[]) {
  if (refs.length === 0) return Promise.resolve([]);
  return conn
    .selectFrom('items')
    .select(['id', 'ref', 'title', 'published_on', 'formed_on', 'doc_number'])
    .where('org_id', '=', orgId)
    .where('ref', 'in', refs.slice(0, 2000))
    .orderBy('published_on')
    .execute();
}

export function applicationsByRefs(conn: Conn, orgId: number, refs: string[]) {
  if (refs.length === 0) return Promise.resolve([]);
  return conn
    .selectFrom('applications')
    .select(['id', 'ref', 'applicant_type', 'received_on', 'concluded_on', 'outcome', 'status'])
    .where('org_id', '=', orgId)
    .where('ref', 'in', refs.slice(0, 2000))
    .orderBy('received_on')
    .execute();
}

export function appealsByRefs(conn: Conn, orgId: number, refs: string[]) {
  if (refs.length === 0) return Promise.resolve([]);
  return conn
    .selectFrom('appeals')
    .select(['id', 'ref', 'kind', 'filed_on', 'decided_on', 'result'])
    .where('org_id', '=', orgId)
    .where('ref', 'in', refs.slice(0, 2000))
    .orderBy('filed_on')
    .execute();
}
