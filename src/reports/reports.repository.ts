import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { dialectOf, type Conn } from '../platform/db/database.js';
import type { AnnualFiguresTable, AnnualReportsTable } from '../platform/db/schema.js';

/** All SQL of the annual reports: the records the figures come from, and the reports. */

export type AnnualReportRow = Selectable<AnnualReportsTable>;
export type AnnualFiguresRow = Selectable<AnnualFiguresTable>;

/**
 * Issued items of an org with the fields the figures of `year` need (EXCHANGE.md §2.1): every
 * rule and normative document (table 二 第（一）项 counts their stock), and the other items only
 * when active and published in the year (the channel counts). Other items count in no figure.
 */
export function itemRows(conn: Conn, orgId: number, year: number) {
  return (
    conn
      .selectFrom('items')
      .select([
        'ref',
        'doc_type',
        'formed_on',
        'published_on',
        'channels',
        'validity',
        'abolished_on',
        'attribute',
      ])
      .where('org_id', '=', orgId)
      // Issued items only (published, or withdrawn after publication), as the catalogue counts them.
      .where('published_on', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('doc_type', '!=', 'other'),
          eb.and([
            eb('attribute', '=', 'active'),
            eb('published_on', '>=', `${year}-01-01`),
            eb('published_on', '<=', `${year}-12-31`),
          ]),
        ]),
      )
      .orderBy('id')
      .execute()
  );
}

/** Received applications of an org up to `upTo`, with only what the figures read. */
export function applicationRows(conn: Conn, orgId: number, upTo: string) {
  return conn
    .selectFrom('applications')
    .select(['id', 'ref', 'applicant_type', 'received_on'])
    .where('org_id', '=', orgId)
    .where('received_on', 'is not', null)
    .where('received_on', '<=', upTo)
    .orderBy('id')
    .execute();
}

/**
 * The events the figures read (conclusion, withdrawal, fee notice and payment; EXCHANGE.md §2.1)
 * of the applications `applicationRows` returns, in one query (not one per chunk of ids),
 * ordered by application and seq. (A single LEFT JOIN of both was measured slower on SQLite.)
 */
export function eventRowsOf(conn: Conn, orgId: number, upTo: string) {
  return conn
    .selectFrom('application_events as e')
    .innerJoin('applications as a', 'a.id', 'e.application_id')
    .select(['e.application_id', 'e.type', 'e.on', 'e.data'])
    .where('a.org_id', '=', orgId)
    .where('a.received_on', 'is not', null)
    .where('a.received_on', '<=', upTo)
    .where('e.type', 'in', ['concluded', 'withdrawn', 'fee_notice', 'fee_paid'])
    .orderBy('e.application_id')
    .orderBy('e.seq')
    .execute();
}

/** One group of table 三's count (see `applicationGroups`). */
export interface ApplicationGroupRow {
  applicant_type: string;
  /** 1 when received in the year (row `new`), 0 when before (row `carried_in`). */
  is_new: number;
  /** `skip` (concluded before the year), `carried_out`, `withdrawn` or `concluded`. */
  cell: string;
  /** The conclusion's outcome (cell `concluded` only). */
  outcome: string | null;
  n: number;
}

/**
 * Table 三 counted in SQL (EXCHANGE.md §2.1, the rules of `computeAnnualReport`): the org's
 * applications received by 31 December, grouped by applicant type, received in the year or
 * before, and how the first conclusion or withdrawal stands (its date, taken as the day of
 * receipt when earlier): before the year, after it or none (carried out), or in it (outcome).
 */
export async function applicationGroups(
  conn: Conn,
  orgId: number,
  year: number,
): Promise<ApplicationGroupRow[]> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const outcome =
    dialectOf(conn) === 'postgres'
      ? sql<string | null>`(c.data::json ->> 'outcome')`
      : sql<string | null>`json_extract(c.data, '$.outcome')`;
  const on = sql`(CASE WHEN c."on" < a.received_on THEN a.received_on ELSE c."on" END)`;
  const cell = sql<string>`(CASE WHEN c.type IS NULL THEN 'carried_out'
    WHEN ${on} < ${start} THEN 'skip'
    WHEN ${on} > ${end} THEN 'carried_out'
    ELSE c.type END)`;
  const isNew = sql<number>`(CASE WHEN a.received_on >= ${start} THEN 1 ELSE 0 END)`;
  const out = sql<string | null>`(CASE WHEN ${cell} = 'concluded' THEN ${outcome} ELSE NULL END)`;
  const result = await sql<ApplicationGroupRow>`
    SELECT a.applicant_type AS applicant_type, ${isNew} AS is_new, ${cell} AS cell,
      ${out} AS outcome, COUNT(*) AS n
    FROM applications a
    LEFT JOIN application_events c ON c.application_id = a.id AND c.seq = (
      SELECT MIN(f.seq) FROM application_events f
      WHERE f.application_id = a.id AND f.type IN ('concluded', 'withdrawn'))
    WHERE a.org_id = ${orgId} AND a.received_on IS NOT NULL AND a.received_on <= ${end}
    GROUP BY 1, 2, 3, 4`.execute(conn);
  return result.rows.map((r) => ({ ...r, is_new: Number(r.is_new), n: Number(r.n) }));
}

/**
 * Fee notices and payments dated in `year` of the org's applications received by then. Driven
 * from the year's fee events (index on type and date: a few thousand on the whole platform),
 * each application looked up by id; SQLite keeps that order only when told (CROSS JOIN).
 */
export async function feeEventRows(
  conn: Conn,
  orgId: number,
  year: number,
): Promise<{ type: string; data: string }[]> {
  const end = `${year}-12-31`;
  const join = dialectOf(conn) === 'postgres' ? sql`JOIN` : sql`CROSS JOIN`;
  const r = await sql<{ type: string; data: string }>`
    SELECT e.type AS type, e.data AS data
    FROM application_events e ${join} applications a ON a.id = e.application_id
    WHERE e.type IN ('fee_notice', 'fee_paid') AND e."on" >= ${`${year}-01-01`}
      AND e."on" <= ${end}
      AND a.org_id = ${orgId} AND a.received_on IS NOT NULL AND a.received_on <= ${end}
    ORDER BY e.id`.execute(conn);
  return r.rows;
}

/** Applications received by `upTo` and concluded in `year` after their reply was due. */
export async function overdueConcludedCount(
  conn: Conn,
  orgId: number,
  year: number,
  upTo: string,
): Promise<number> {
  const row = await conn
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('org_id', '=', orgId)
    .where('received_on', 'is not', null)
    .where('received_on', '<=', upTo)
    .where('concluded_on', 'like', `${year}-%`)
    .where('reply_due_on', 'is not', null)
    .whereRef('concluded_on', '>', 'reply_due_on')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
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

/** The annual figures of the given orgs (every year, both sources), by org then year. */
export async function figuresRowsOf(conn: Conn, orgIds: number[]): Promise<AnnualFiguresRow[]> {
  const out: AnnualFiguresRow[] = [];
  // Chunks keep the parameter count within what both databases accept.
  for (let i = 0; i < orgIds.length; i += 5000) {
    const chunk = orgIds.slice(i, i + 5000);
    out.push(
      ...(await conn
        .selectFrom('annual_figures')
        .selectAll()
        .where('org_id', 'in', chunk)
        .orderBy('org_id')
        .orderBy('year')
        .execute()),
    );
  }
  return out;
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
