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
import { missingAnnualFigures } from './figures.model.js';
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

/** Everything `computeAnnualReport` and `drilldown` need for `org` up to the end of `year`. */
export async function loadReportInput(
  conn: Conn,
  org: Pick<OrgRow, 'id' | 'code' | 'name' | 'kind'>,
  year: number,
): Promise<AnnualReportInput> {
  const items: ReportItem[] = (await repo.itemRows(conn, org.id)).map((r) => ({
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
  const appRows = await repo.applicationRows(conn, org.id, yearEnd(year));
  const events = new Map<number, ReportEvent[]>();
  for (const e of await repo.eventRowsOf(
    conn,
    appRows.map((a) => a.id),
  )) {
    const list = events.get(e.application_id) ?? [];
    list.push({ ...parseJson<object>(e.data, {}), type: e.type, on: e.on } as ReportEvent);
    events.set(e.application_id, list);
  }
  const applications: ReportApplication[] = appRows.flatMap((r) =>
    r.received_on === null
      ? []
      : [
          {
            org: org.code,
            ref: r.ref,
            applicant: { type: r.applicant_type as ApplicantType },
            received_on: r.received_on,
            events: events.get(r.id) ?? [],
          },
        ],
  );
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
export async function overdueCount(conn: Conn, orgId: number, year: number): Promise<number> {
  const rows = await repo.applicationRows(conn, orgId, yearEnd(year));
  return rows.filter(
    (r) =>
      r.concluded_on !== null &&
      r.concluded_on.startsWith(`${year}-`) &&
      r.reply_due_on !== null &&
      r.concluded_on > r.reply_due_on,
  ).length;
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
