import { finding, type FindingPlace, type LocatedFinding } from './findings.model.js';
import {
  APPEAL_KINDS,
  APPEAL_KIND_LABELS,
  APPEAL_PENDING_COLUMN,
  APPEAL_TOTAL_COLUMN,
  APPLICATION_COLUMNS,
  FIRST_2021_FORMAT_YEAR,
  ROW_LABELS,
} from './reports.model.js';
import type { ParsedReport } from './shape.model.js';
import { columnLabel } from './shape.model.js';

/**
 * Checks between two consecutive years of the same organisation (EXCHANGE.md §2.2). Each
 * finding belongs to the later year. A part missing in either year (a published report that
 * lacks it) means the check is not made, never that the figures are zero.
 */
export function checkConsecutiveYears(
  place: FindingPlace,
  previous: ParsedReport,
  current: ParsedReport,
): LocatedFinding[] {
  return [
    ...checkCarryOver(place, previous, current),
    ...checkDocumentStock(place, previous, current),
    ...checkPendingAppeals(place, previous, current),
  ];
}

/** CARRY_OVER: this year's 二、上年结转 = last year's 四、结转下年度继续办理, column by column (REGULATIONS.md §2.4). */
function checkCarryOver(
  place: FindingPlace,
  previous: ParsedReport,
  current: ParsedReport,
): LocatedFinding[] {
  const before = previous.parts.applications;
  const now = current.parts.applications;
  if (!before || !now) return [];
  const out: LocatedFinding[] = [];
  APPLICATION_COLUMNS.forEach((_, c) => {
    const carriedIn = now.rows.carried_in[c] ?? 0;
    const carriedOut = before.rows.carried_out[c] ?? 0;
    if (carriedIn !== carriedOut) {
      out.push(
        finding(
          place,
          'CARRY_OVER',
          `applications.rows.carried_in[${c}]`,
          `${current.year} 年 ${ROW_LABELS.carried_in} 的 ${columnLabel(c)} 列为 ${carriedIn}，` +
            `但 ${previous.year} 年 ${ROW_LABELS.carried_out} 为 ${carriedOut}`,
        ),
      );
    }
  });
  return out;
}

const STOCK_BLOCKS = [
  ['rules', '规章'],
  ['normative_documents', '行政规范性文件'],
] as const;

/**
 * S2_STOCK (warning): 现行有效件数 = last year's + 本年制发 − 本年废止. Starts with a 2021-format
 * year: table 二 of the 2019 trial format means something else (REGULATIONS.md §2.7).
 */
function checkDocumentStock(
  place: FindingPlace,
  previous: ParsedReport,
  current: ParsedReport,
): LocatedFinding[] {
  if (previous.year === null || previous.year < FIRST_2021_FORMAT_YEAR) return [];
  const out: LocatedFinding[] = [];
  for (const [key, label] of STOCK_BLOCKS) {
    const before = previous.parts.proactive?.[key];
    const now = current.parts.proactive?.[key];
    if (!before || !now) continue;
    const expected = before.in_force + now.issued - now.abolished;
    if (now.in_force !== expected) {
      out.push(
        finding(
          place,
          'S2_STOCK',
          `proactive.${key}.in_force`,
          `二、${label} 现行有效件数为 ${now.in_force}，但 ${previous.year} 年现行有效 ${before.in_force} + 本年制发 ${now.issued} − 本年废止 ${now.abolished} = ${expected}` +
            `（如因清理存量文件等原因，请在报告中说明）`,
        ),
      );
    }
  }
  return out;
}

/**
 * APPEAL_PENDING (warning): last year reported cases 尚未审结 in a block of table 四, this
 * year's block is too small to include them (table 四 counts cases by the year they were filed,
 * EXCHANGE.md §2.1), and the narrative does not mention last year's cases either — so their
 * outcome is reported nowhere.
 */
function checkPendingAppeals(
  place: FindingPlace,
  previous: ParsedReport,
  current: ParsedReport,
): LocatedFinding[] {
  const before = previous.parts.appeals;
  const now = current.parts.appeals;
  if (!before || !now) return [];
  const out: LocatedFinding[] = [];
  for (const kind of APPEAL_KINDS) {
    const pending = before[kind][APPEAL_PENDING_COLUMN] ?? 0;
    const total = now[kind][APPEAL_TOTAL_COLUMN] ?? 0;
    if (pending > 0 && total < pending && !narrativeExplainsPending(current, previous.year)) {
      out.push(
        finding(
          place,
          'APPEAL_PENDING',
          `appeals.${kind}`,
          `${previous.year} 年 四、${APPEAL_KIND_LABELS[kind]} 尚未审结 ${pending} 件，` +
            `但 ${current.year} 年该项总计仅 ${total} 件，无法反映上年未结案件的审结结果；请在报告中说明`,
        ),
      );
    }
  }
  return out;
}

/** Whether this year's text speaks of last year's review or litigation cases (上年…复议/诉讼). */
function narrativeExplainsPending(current: ParsedReport, previousYear: number | null): boolean {
  const narrative = current.parts.narrative;
  if (!narrative) return false;
  const text = [narrative.overview, narrative.problems, narrative.other].join('\n');
  const lastYear = `(?:上(?:一)?年(?:度)?|去年${previousYear === null ? '' : `|${previousYear}\\s*年`})`;
  return new RegExp(`${lastYear}[^。；\\n]{0,20}(?:复议|诉讼)`).test(text);
}
