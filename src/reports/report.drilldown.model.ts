import { conclusionOf } from './figures.model.js';
import {
  APPEAL_KINDS,
  APPLICANT_TYPES,
  CHANNELS,
  ROW_KEYS,
  TOTAL_COLUMN,
  inYear,
  yearEnd,
  yearStart,
  type AnnualReportInput,
  type RowKey,
} from './reports.model.js';

/**
 * Drill-down: for every figure of a generated report, the records counted in it, so a clerk can
 * check why 上年结转 is 3. Cells are named by the JSON path of the gongkai-annual-report document
 * (`applications.rows.carried_in[0]`, `appeals.review[3]`, `channels.portal`,
 * `proactive.normative_documents.in_force`, `fees.collected_yuan`). The counting mirrors
 * `computeAnnualReport` (EXCHANGE.md §2.1); a test holds every cell's size equal to its figure.
 * Pure.
 */

/** A record behind a figure, by the key other systems know it by (EXCHANGE.md §1). */
export interface RecordRef {
  kind: 'item' | 'application' | 'appeal';
  ref: string;
}

/** Every cell's records, by JSON path. Cells with no records are absent. */
export function drilldown(input: AnnualReportInput, year: number): Map<string, RecordRef[]> {
  const cells = new Map<string, RecordRef[]>();
  const add = (path: string, ref: RecordRef) => {
    const list = cells.get(path);
    if (list) list.push(ref);
    else cells.set(path, [ref]);
  };
  const code = input.org.code;
  addApplications(input, year, add);
  addAppeals(input, year, add);
  const end = yearEnd(year);
  for (const item of input.items) {
    if (item.org !== code) continue;
    const ref: RecordRef = { kind: 'item', ref: item.ref };
    if (item.attribute === 'active' && inYear(item.published_on, year))
      for (const channel of new Set(item.channels)) add(`channels.${channel}`, ref);
    if (item.doc_type === 'other') continue;
    const key = item.doc_type === 'rule' ? 'rules' : 'normative_documents';
    const ended =
      item.abolished_on != null
        ? item.abolished_on <= end
        : item.validity === 'invalid' || item.validity === 'abolished';
    if (inYear(item.formed_on, year)) add(`proactive.${key}.issued`, ref);
    if (inYear(item.abolished_on, year)) add(`proactive.${key}.abolished`, ref);
    if (item.formed_on <= end && !ended) add(`proactive.${key}.in_force`, ref);
  }
  return cells;
}

type Add = (path: string, ref: RecordRef) => void;

/** Table 三 and section 六's fee figures: each case in its applicant column and in 总计. */
function addApplications(input: AnnualReportInput, year: number, add: Add): void {
  const start = yearStart(year);
  const end = yearEnd(year);
  for (const app of input.applications) {
    if (app.org !== input.org.code) continue;
    const ref: RecordRef = { kind: 'application', ref: app.ref };
    for (const event of app.events) {
      if (!inYear(event.on, year)) continue;
      if (event.type === 'fee_notice') {
        add('fees.notices', ref);
        add('fees.notice_amount_yuan', ref);
      } else if (event.type === 'fee_paid') add('fees.collected_yuan', ref);
    }
    if (app.received_on > end) continue;
    const conclusion = conclusionOf(app);
    if (conclusion && conclusion.on < start) continue;
    const column = APPLICANT_TYPES.indexOf(app.applicant.type);
    const cell = (row: RowKey) => {
      add(`applications.rows.${row}[${column}]`, ref);
      add(`applications.rows.${row}[${TOTAL_COLUMN}]`, ref);
    };
    cell(app.received_on >= start ? 'new' : 'carried_in');
    if (conclusion && conclusion.on <= end) {
      cell(conclusion.outcome);
      cell('total');
    } else cell('carried_out');
  }
}

/** Table 四: cases filed in the year, in their result column (as of 31 December) and 总计. */
function addAppeals(input: AnnualReportInput, year: number, add: Add): void {
  const end = yearEnd(year);
  const resultColumn = { maintained: 0, corrected: 1, other: 2 } as const;
  for (const appeal of input.appeals) {
    if (appeal.org !== input.org.code || !inYear(appeal.filed_on, year)) continue;
    const ref: RecordRef = { kind: 'appeal', ref: appeal.ref };
    const decided = appeal.decided_on != null && appeal.decided_on <= end && appeal.result != null;
    add(
      `appeals.${appeal.kind}[${decided && appeal.result ? resultColumn[appeal.result] : 3}]`,
      ref,
    );
    add(`appeals.${appeal.kind}[4]`, ref);
  }
}

/** The JSON paths of every cell made from records, in document order (links and checks). */
export function drillablePaths(): string[] {
  const out: string[] = [];
  for (const key of ['rules', 'normative_documents'])
    for (const f of ['issued', 'abolished', 'in_force']) out.push(`proactive.${key}.${f}`);
  for (const row of ROW_KEYS)
    for (let c = 0; c <= TOTAL_COLUMN; c++) out.push(`applications.rows.${row}[${c}]`);
  for (const kind of APPEAL_KINDS) for (let c = 0; c < 5; c++) out.push(`appeals.${kind}[${c}]`);
  for (const channel of CHANNELS) out.push(`channels.${channel}`);
  out.push('fees.notices', 'fees.notice_amount_yuan', 'fees.collected_yuan');
  return out;
}

const DRILLABLE = new Set(drillablePaths());

/** Whether a JSON path names a figure made from records (not one entered from other systems). */
export const isDrillablePath = (path: string): boolean => DRILLABLE.has(path);
