import type { Conn } from '../platform/db/database.js';
import type { OrgRow } from '../orgs/orgs.repository.js';
import {
  yearEnd,
  type AnnualReportInput,
  type ApplicantType,
  type Channel,
  type OrgKind,
  type ReportAnnualFigures,
  type ReportAppeal,
  type ReportApplication,
  type ReportEvent,
  type ReportItem,
} from './reports.model.js';
import type { AnnualReport, PublishedAnnualReport } from './reports.schema.js';
import {
  applicationTableFromGroups,
  feeFiguresFromEvents,
  missingAnnualFigures,
} from './figures.model.js';
import * as repo from './reports.repository.js';

/**
 * Reads the records an org's report is computed from (EXCHANGE.md §2.1): issued items,
 * received applications with their events, appeals and the annual figures; plus what the text
 * draft states beside the tables (distinct items, overdue answers).
 */

/** The org as the report names it. */
export const reportOrg = (org: Pick<OrgRow, 'code' | 'name' | 'kind'>) => ({
  code: org.code,
  name: org.name,
  kind: org.kind as OrgKind,
});

const parseJson = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

/**
 * Everything `computeAnnualReport` and `drilldown` need for `org` up to the end of `year`
 * (without applications and their events when `opts.applications` is false).
 */
export async function loadReportInput(
  conn: Conn,
  org: Pick<OrgRow, 'id' | 'code' | 'name' | 'kind'>,
  year: number,
  opts: { applications: boolean } = { applications: true },
): Promise<AnnualReportInput> {
  const upTo = yearEnd(year);
  const items: ReportItem[] = (await repo.itemRows(conn, org.id, year)).map((r) => ({
    org: org.code,
    ref: r.ref,
    doc_type: r.doc_type as ReportItem['doc_type'],
    formed_on: r.formed_on,
    published_on: r.published_on,
    channels: parseJson<Channel[]>(r.channels, []),
    validity: r.validity as ReportItem['validity'],
    abolished_on: r.abolished_on,
    attribute: r.attribute as ReportItem['attribute'],
  }));
  const appRows = opts.applications ? await repo.applicationRows(conn, org.id, upTo) : [];
  // Rows come ordered by application, so each application's events are one run of rows.
  const events = new Map<number, ReportEvent[]>();
  let current: ReportEvent[] = [];
  let currentId: number | null = null;
  for (const e of opts.applications ? await repo.eventRowsOf(conn, org.id, upTo) : []) {
    if (e.application_id !== currentId) {
      currentId = e.application_id;
      current = [];
      events.set(currentId, current);
    }
    current.push({ ...parseJson<object>(e.data, {}), type: e.type, on: e.on } as ReportEvent);
  }
  const applications: ReportApplication[] = [];
  for (const r of appRows)
    if (r.received_on !== null)
      applications.push({
        org: org.code,
        ref: r.ref,
        applicant: { type: r.applicant_type as ApplicantType },
        received_on: r.received_on,
        events: events.get(r.id) ?? [],
      });
  const appeals: ReportAppeal[] = (await repo.appealRows(conn, org.id)).map((r) => ({
    org: org.code,
    ref: r.ref,
    kind: r.kind as ReportAppeal['kind'],
    filed_on: r.filed_on,
    decided_on: r.decided_on,
    result: r.result as ReportAppeal['result'],
  }));
  const annual_figures: ReportAnnualFigures[] = (await repo.figuresRows(conn, org.id)).map((r) => ({
    org: org.code,
    year: r.year,
    source: r.source as ReportAnnualFigures['source'],
    proactive: parseJson<Partial<PublishedAnnualReport>>(r.data, {}).proactive,
  }));
  return { org: reportOrg(org), items, applications, appeals, annual_figures };
}

/**
 * What `generateDocument` needs at any size: the records except applications (`input`, whose
 * `applications` is empty), and table 三 and section 六's fees counted by the database
 * (`applicationGroups`) instead of from every application and its events in memory. The same
 * figures as `computeAnnualReport` over `loadReportInput` (a test holds them equal).
 */
export async function loadReportFigures(
  conn: Conn,
  org: Pick<OrgRow, 'id' | 'code' | 'name' | 'kind'>,
  year: number,
): Promise<{
  input: AnnualReportInput;
  applications: AnnualReport['applications'];
  fees: AnnualReport['fees'];
}> {
  const groups = await repo.applicationGroups(conn, org.id, year);
  const feeEvents = (await repo.feeEventRows(conn, org.id, year)).map((e) => ({
    type: e.type,
    amount_yuan: parseJson<{ amount_yuan?: number }>(e.data, {}).amount_yuan ?? 0,
  }));
  return {
    input: await loadReportInput(conn, org, year, { applications: false }),
    applications: applicationTableFromGroups(groups),
    fees: feeFiguresFromEvents(feeEvents),
  };
}

/** Table 二 figures from other systems not yet entered for `year` (without reading the records). */
export async function missingFiguresOf(
  conn: Conn,
  org: Pick<OrgRow, 'id' | 'code' | 'name' | 'kind'>,
  year: number,
): Promise<string[]> {
  const annual_figures: ReportAnnualFigures[] = (await repo.figuresRows(conn, org.id)).map((r) => ({
    org: org.code,
    year: r.year,
    source: r.source as ReportAnnualFigures['source'],
    proactive: parseJson<Partial<PublishedAnnualReport>>(r.data, {}).proactive,
  }));
  const input = { org: reportOrg(org), items: [], applications: [], appeals: [], annual_figures };
  return missingAnnualFigures(input, year);
}

/** Distinct items published in `year` (an item on two channels is one item). */
export function publishedItemCount(input: AnnualReportInput, year: number): number {
  return input.items.filter(
    (i) => i.attribute === 'active' && i.published_on?.startsWith(`${year}-`) === true,
  ).length;
}

/** Applications concluded in `year` after their reply was due (条例第三十三条). */
export function overdueCount(conn: Conn, orgId: number, year: number): Promise<number> {
  return repo.overdueConcludedCount(conn, orgId, year, yearEnd(year));
}

/** A stored revision's document, narrative included. */
export function storedDocument(row: repo.AnnualReportRow): AnnualReport {
  return {
    ...(JSON.parse(row.doc) as AnnualReport),
    narrative: JSON.parse(row.narrative) as AnnualReport['narrative'],
  };
}

/**
 * The previous year's report for cross-year checks and comparisons: the one published here, else
 * one imported as published (EXCHANGE.md §1.5), else the latest revision generated here.
 */
export async function previousReport(
  conn: Conn,
  org: Pick<OrgRow, 'id' | 'code' | 'name' | 'kind'>,
  year: number,
): Promise<PublishedAnnualReport | AnnualReport | null> {
  const revisions = await repo.reportRevisions(conn, org.id, year - 1);
  const published = revisions.find((r) => r.state === 'published');
  if (published) return storedDocument(published);
  const imported = await repo.figuresRow(conn, org.id, year - 1, 'published');
  if (imported) return importedDocument(org, year - 1, imported.data);
  const latest = revisions[0];
  return latest ? storedDocument(latest) : null;
}

/** An imported earlier report (annual_figures, source published) as a published document. */
export function importedDocument(
  org: Pick<OrgRow, 'code' | 'name' | 'kind'>,
  year: number,
  data: string,
): PublishedAnnualReport {
  const parts = parseJson<Partial<PublishedAnnualReport>>(data, {});
  return {
    ...parts,
    format: 'gongkai-annual-report',
    version: 1,
    org: reportOrg(org),
    year,
  };
}
