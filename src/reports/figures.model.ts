import type { AnnualReport } from './reports.schema.js';
import {
  APPEAL_KINDS,
  APPLICANT_TYPES,
  APPLICATION_COLUMNS,
  CHANNELS,
  ROW_KEYS,
  TOTAL_COLUMN,
  inYear,
  yearEnd,
  yearStart,
  type AnnualReportInput,
  type Channel,
  type IsoDate,
  type Outcome,
  type ReportAnnualFigures,
  type ReportApplication,
  type ReportAppeal,
  type ReportItem,
  type RowKey,
} from './reports.model.js';

/**
 * Derives one organisation's annual report for `year` from its records (条例第五十条; table
 * layout of 国办公开办函〔2021〕30号; counting rules of EXCHANGE.md §2.1). Pure: no clock, no I/O.
 * Records whose `org` is not `input.org.code` are ignored. Table 二's licensing, penalty,
 * enforcement and fee income come from `annual_figures` and are 0 when none was entered — use
 * `missingAnnualFigures` to tell "none entered" from "zero".
 */
export function computeAnnualReport(input: AnnualReportInput, year: number): AnnualReport {
  const code = input.org.code;
  const items = input.items.filter((i) => i.org === code);
  const applications = input.applications.filter((a) => a.org === code);
  const appeals = input.appeals.filter((a) => a.org === code);
  const figures = annualFiguresFor(input.annual_figures ?? [], code, year);
  return {
    format: 'gongkai-annual-report',
    version: 1,
    org: { code, name: input.org.name, kind: input.org.kind },
    year,
    proactive: {
      rules: documentStock(items, 'rule', year),
      normative_documents: documentStock(items, 'normative', year),
      licensing: figures.licensing ?? 0,
      penalty: figures.penalty ?? 0,
      enforcement: figures.enforcement ?? 0,
      fees_10k_yuan: figures.fees_10k_yuan ?? 0,
    },
    applications: applicationTable(applications, year),
    appeals: appealTable(appeals, year),
    fees: feeFigures(applications, year),
    channels: channelCounts(items, year),
    narrative: input.narrative ?? { overview: '', problems: '', other: '' },
  };
}

/** The table 二 figures that must come from other systems but were not entered for `year`. */
export function missingAnnualFigures(input: AnnualReportInput, year: number): string[] {
  const figures = annualFiguresFor(input.annual_figures ?? [], input.org.code, year);
  return (['licensing', 'penalty', 'enforcement', 'fees_10k_yuan'] as const)
    .filter((key) => figures[key] === undefined)
    .map((key) => `proactive.${key}`);
}

/** Manual entries win over figures of a published report; a field absent everywhere stays absent. */
function annualFiguresFor(
  entries: readonly ReportAnnualFigures[],
  org: string,
  year: number,
): NonNullable<ReportAnnualFigures['proactive']> {
  const own = entries.filter((e) => e.org === org && e.year === year);
  const ordered = [
    ...own.filter((e) => e.source === 'published'),
    ...own.filter((e) => e.source === 'manual'),
  ];
  return Object.assign({}, ...ordered.map((e) => e.proactive ?? {}));
}

/**
 * Table 二 第（一）项: `issued` = formed in the year, `abolished` = abolished in the year,
 * `in_force` = formed by 31 December and not abolished by it (EXCHANGE.md §2.1). A document marked
 * invalid/abolished without a date is taken as no longer in force.
 */
function documentStock(items: readonly ReportItem[], docType: 'rule' | 'normative', year: number) {
  const end = yearEnd(year);
  const docs = items.filter((i) => i.doc_type === docType);
  const endedBy = (i: ReportItem) =>
    i.abolished_on != null
      ? i.abolished_on <= end
      : i.validity === 'invalid' || i.validity === 'abolished';
  return {
    issued: docs.filter((i) => inYear(i.formed_on, year)).length,
    abolished: docs.filter((i) => inYear(i.abolished_on, year)).length,
    in_force: docs.filter((i) => i.formed_on <= end && !endedBy(i)).length,
  };
}

/**
 * When and how a case ended: the first `concluded` or `withdrawn` event (a withdrawal counts as
 * （六）3.其他, EXCHANGE.md §1.3). A conclusion dated before receipt (bad data) is taken as on
 * the day of receipt, so that the balance of table 三 always holds.
 */
export function conclusionOf(app: ReportApplication): { on: IsoDate; outcome: Outcome } | null {
  for (const event of app.events) {
    if (event.type === 'concluded' || event.type === 'withdrawn') {
      const on = event.on < app.received_on ? app.received_on : event.on;
      return { on, outcome: event.type === 'concluded' ? event.outcome : 'other' };
    }
  }
  return null;
}

/**
 * Table 三: rows `new`, `carried_in`, the 21 outcomes, `total`, `carried_out`, by applicant type;
 * a `partial` case is counted under （二） only (条例第三十七条). The 总计 column sums the six
 * others, and new + carried_in = total + carried_out holds in every column (EXCHANGE.md §2.1).
 */
function applicationTable(
  applications: readonly ReportApplication[],
  year: number,
): AnnualReport['applications'] {
  const rows = Object.fromEntries(ROW_KEYS.map((k) => [k, [0, 0, 0, 0, 0, 0, 0]])) as Record<
    RowKey,
    number[]
  >;
  const start = yearStart(year);
  const end = yearEnd(year);
  const add = (key: RowKey, column: number) => {
    const row = rows[key];
    row[column] = (row[column] ?? 0) + 1;
  };
  for (const app of applications) {
    if (app.received_on > end) continue;
    const column = APPLICANT_TYPES.indexOf(app.applicant.type);
    const conclusion = conclusionOf(app);
    if (conclusion && conclusion.on < start) continue;
    add(app.received_on >= start ? 'new' : 'carried_in', column);
    if (conclusion && conclusion.on <= end) {
      add(conclusion.outcome, column);
      add('total', column);
    } else add('carried_out', column);
  }
  for (const row of Object.values(rows)) {
    row[TOTAL_COLUMN] = row.slice(0, TOTAL_COLUMN).reduce((a, b) => a + b, 0);
  }
  return { columns: [...APPLICATION_COLUMNS], rows };
}

/** One group of applications counted in SQL (`reports.repository.ts` `applicationGroups`). */
export interface ApplicationGroup {
  applicant_type: string;
  is_new: number;
  /** `skip` (concluded before the year), `carried_out`, `withdrawn` or `concluded`. */
  cell: string;
  outcome: string | null;
  n: number;
}

/**
 * Table 三 from groups counted by the database: the same rules as `applicationTable` (a
 * withdrawal counts as （六）3.其他), for org-years too large to read case by case.
 */
export function applicationTableFromGroups(
  groups: readonly ApplicationGroup[],
): AnnualReport['applications'] {
  const rows = Object.fromEntries(ROW_KEYS.map((k) => [k, [0, 0, 0, 0, 0, 0, 0]])) as Record<
    RowKey,
    number[]
  >;
  const add = (key: RowKey, column: number, n: number) => {
    const row = rows[key];
    row[column] = (row[column] ?? 0) + n;
  };
  for (const g of groups) {
    if (g.cell === 'skip') continue;
    const column = APPLICANT_TYPES.indexOf(
      g.applicant_type as ReportApplication['applicant']['type'],
    );
    add(g.is_new === 1 ? 'new' : 'carried_in', column, g.n);
    if (g.cell === 'carried_out') add('carried_out', column, g.n);
    else {
      add(g.cell === 'withdrawn' ? 'other' : (g.outcome as Outcome), column, g.n);
      add('total', column, g.n);
    }
  }
  for (const row of Object.values(rows)) {
    row[TOTAL_COLUMN] = row.slice(0, TOTAL_COLUMN).reduce((a, b) => a + b, 0);
  }
  return { columns: [...APPLICATION_COLUMNS], rows };
}

/** Section 六's fee figures from the fee events dated in the year (as `feeFigures`). */
export function feeFiguresFromEvents(
  events: readonly { type: string; amount_yuan: number }[],
): AnnualReport['fees'] {
  let notices = 0;
  let noticeFen = 0;
  let collectedFen = 0;
  for (const event of events) {
    if (event.type === 'fee_notice') {
      notices += 1;
      noticeFen += Math.round(event.amount_yuan * 100);
    } else if (event.type === 'fee_paid') collectedFen += Math.round(event.amount_yuan * 100);
  }
  return { notices, notice_amount_yuan: noticeFen / 100, collected_yuan: collectedFen / 100 };
}

/**
 * Table 四: cases filed in the year, by result as of 31 December; no decision by then counts as
 * 尚未审结; 总计 is the sum of the other four (EXCHANGE.md §2.1).
 */
function appealTable(appeals: readonly ReportAppeal[], year: number): AnnualReport['appeals'] {
  const end = yearEnd(year);
  const blocks = Object.fromEntries(
    APPEAL_KINDS.map((k) => [k, [0, 0, 0, 0, 0]]),
  ) as AnnualReport['appeals'];
  const resultColumn = { maintained: 0, corrected: 1, other: 2 } as const;
  for (const appeal of appeals) {
    if (!inYear(appeal.filed_on, year)) continue;
    const decided = appeal.decided_on != null && appeal.decided_on <= end && appeal.result != null;
    const column = decided && appeal.result ? resultColumn[appeal.result] : 3;
    const block = blocks[appeal.kind];
    block[column] = (block[column] ?? 0) + 1;
    block[4] = (block[4] ?? 0) + 1;
  }
  return blocks;
}

/**
 * Section 六's 信息处理费 figures: fee notices dated in the year (count and amount) and payments
 * received in the year (国办函〔2020〕109号; REGULATIONS.md §2.6). Sums are kept in fen to avoid
 * floating-point drift.
 */
function feeFigures(
  applications: readonly ReportApplication[],
  year: number,
): AnnualReport['fees'] {
  let notices = 0;
  let noticeFen = 0;
  let collectedFen = 0;
  for (const app of applications) {
    for (const event of app.events) {
      if (!inYear(event.on, year)) continue;
      if (event.type === 'fee_notice') {
        notices += 1;
        noticeFen += Math.round(event.amount_yuan * 100);
      } else if (event.type === 'fee_paid') collectedFen += Math.round(event.amount_yuan * 100);
    }
  }
  return { notices, notice_amount_yuan: noticeFen / 100, collected_yuan: collectedFen / 100 };
}

/** Items with attribute `active` published in the year, once per channel (EXCHANGE.md §2.1). */
function channelCounts(items: readonly ReportItem[], year: number): AnnualReport['channels'] {
  const counts = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  for (const item of items) {
    if (item.attribute !== 'active' || !inYear(item.published_on, year)) continue;
    for (const channel of new Set(item.channels)) counts[channel] += 1;
  }
  return counts;
}
