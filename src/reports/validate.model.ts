import { checkConsecutiveYears } from './cross-year.model.js';
import { finding, type FindingPlace, type LocatedFinding } from './findings.model.js';
import { checkNarrative } from './narrative.model.js';
import { publicationDeadline, type IsoDate } from './reports.model.js';
import { parseReportDocument, type ParsedReport } from './shape.model.js';
import {
  checkAppealTotals,
  checkBalance,
  checkColumnTotals,
  checkOutcomeTotals,
} from './table-checks.model.js';

/**
 * `validateReports`: the checks of EXCHANGE.md §2.2 over one or more `gongkai-annual-report`
 * documents (条例第五十条 contents; 国办公开办函〔2021〕30号 table arithmetic). Pure: documents
 * are already-parsed JSON values; dates come in as arguments.
 */

/** Options of a validation run. */
export interface ValidateOptions {
  /** Publication date per document index (or one date for all); LATE is checked only when known. */
  publishedOn?: IsoDate | ReadonlyMap<number, IsoDate>;
  /** Require every part (a report the platform wrote) instead of accepting a published report's absent parts. */
  requireAllParts?: boolean;
}

/**
 * Validates the documents in order and returns every finding, each tagged with the index of its
 * document. A document with a broken part (SHAPE) still gets the checks of its well-formed parts.
 * Cross-year checks run between consecutive years of the same org.
 */
export function validateReports(
  docs: readonly unknown[],
  options: ValidateOptions = {},
): LocatedFinding[] {
  const parsed = docs.map((doc) => parseReportDocument(doc, options.requireAllParts ?? false));
  const findings: LocatedFinding[][] = parsed.map((report, doc) => {
    const place: FindingPlace = { doc, org: report.org?.code ?? null, year: report.year };
    return [
      ...report.issues.map((issue) => finding(place, 'SHAPE', issue.path, issue.message)),
      ...tableFindings(place, report),
      ...checkNarrative(place, report),
      ...lateFindings(place, report, publishedOnFor(options.publishedOn, doc)),
    ];
  });
  for (const f of crossYearFindings(parsed)) findings[f.doc]?.push(f);
  return findings.flat();
}

/** Findings of the arithmetic inside one document (its well-formed tables only). */
function tableFindings(place: FindingPlace, report: ParsedReport): LocatedFinding[] {
  const { applications, appeals } = report.parts;
  return [
    ...(applications
      ? [
          ...checkColumnTotals(place, applications),
          ...checkOutcomeTotals(place, applications),
          ...checkBalance(place, applications),
        ]
      : []),
    ...(appeals ? checkAppealTotals(place, appeals) : []),
  ];
}

function publishedOnFor(option: ValidateOptions['publishedOn'], doc: number): IsoDate | undefined {
  return typeof option === 'string' ? option : option?.get(doc);
}

/**
 * LATE (warning): published after 1月31日 of the following year, or 3月31日 for a government
 * (条例第四十九条; REGULATIONS.md §2.1). Skipped when the publication date is unknown.
 */
function lateFindings(
  place: FindingPlace,
  report: ParsedReport,
  publishedOn: IsoDate | undefined,
): LocatedFinding[] {
  if (!publishedOn || !report.org || report.year === null) return [];
  const deadline = publicationDeadline(report.org.kind, report.year);
  if (publishedOn <= deadline) return [];
  const who = report.org.kind === 'government' ? '人民政府' : '政府部门及其他单位';
  return [
    finding(
      place,
      'LATE',
      'year',
      `${report.year} 年度报告应于 ${deadline} 前公布（${who}，条例第四十九条），公布日期 ${publishedOn} 已逾期`,
    ),
  ];
}

/**
 * Groups the documents by org and compares each year with the one before it. The same org and
 * year given twice is a SHAPE error on the later document: which figures count would be a guess.
 */
function crossYearFindings(parsed: readonly ParsedReport[]): LocatedFinding[] {
  const out: LocatedFinding[] = [];
  const byOrgYear = new Map<string, number>();
  parsed.forEach((report, doc) => {
    if (!report.org || report.year === null) return;
    const key = `${report.org.code}/${report.year}`;
    const first = byOrgYear.get(key);
    const place = { doc, org: report.org.code, year: report.year };
    if (first !== undefined) {
      out.push(
        finding(
          place,
          'SHAPE',
          'year',
          `同一单位 ${report.year} 年度的报告给出了不止一份（另见第 ${first + 1} 份），无法进行跨年度核对`,
        ),
      );
      return;
    }
    byOrgYear.set(key, doc);
  });
  for (const [key, doc] of byOrgYear) {
    const current = parsed[doc];
    const [org, year] = key.split('/');
    const previousDoc = byOrgYear.get(`${org}/${Number(year) - 1}`);
    const previous = previousDoc === undefined ? undefined : parsed[previousDoc];
    if (!current || !previous) continue;
    out.push(
      ...checkConsecutiveYears({ doc, org: org ?? null, year: current.year }, previous, current),
    );
  }
  return out;
}
