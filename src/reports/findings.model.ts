/**
 * Findings of `gongkai report validate` (EXCHANGE.md §2.2): a stable code, its severity, where it
 * was found (org, year, JSON path) and a Chinese message naming the official row and column.
 */

/** The finding codes of EXCHANGE.md §2.2, and nothing else. */
export const FINDING_SEVERITY = {
  SHAPE: 'error',
  S3_COLUMN_TOTAL: 'error',
  S3_OUTCOME_TOTAL: 'error',
  S3_BALANCE: 'error',
  S4_TOTAL: 'error',
  CARRY_OVER: 'error',
  S2_STOCK: 'warning',
  APPEAL_PENDING: 'warning',
  NARRATIVE_MISMATCH: 'warning',
  LATE: 'warning',
} as const;
export type FindingCode = keyof typeof FINDING_SEVERITY;
export type Severity = 'error' | 'warning';

/** One finding, exactly the JSON object of EXCHANGE.md §2.2. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  org: string | null;
  year: number | null;
  path: string;
  message: string;
}

/** A finding together with the index of the document (file) it belongs to. */
export interface LocatedFinding extends Finding {
  doc: number;
}

/** Where a finding is: the document index, its org and year. */
export interface FindingPlace {
  doc: number;
  org: string | null;
  year: number | null;
}

/** Builds a finding; the severity always follows from the code. */
export function finding(
  place: FindingPlace,
  code: FindingCode,
  path: string,
  message: string,
): LocatedFinding {
  return {
    code,
    severity: FINDING_SEVERITY[code],
    org: place.org,
    year: place.year,
    path,
    message,
    doc: place.doc,
  };
}

/** The JSON object of EXCHANGE.md §2.2 (drops the document index). */
export function toJsonFinding(f: LocatedFinding): Finding {
  return {
    code: f.code,
    severity: f.severity,
    org: f.org,
    year: f.year,
    path: f.path,
    message: f.message,
  };
}

/** One line of text output: `错误 S3_BALANCE wzgxq 2022 applications.rows.carried_out[0]：…`. */
export function formatFinding(f: Finding): string {
  const severity = f.severity === 'error' ? '错误' : '警告';
  return `${severity} ${f.code} ${f.org ?? '-'} ${f.year ?? '-'} ${f.path || '-'}：${f.message}`;
}

/** Whether any finding is an error (exit code 1). */
export const hasErrors = (findings: readonly Finding[]): boolean =>
  findings.some((f) => f.severity === 'error');
