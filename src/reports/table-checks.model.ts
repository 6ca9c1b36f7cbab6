import { finding, type FindingPlace, type LocatedFinding } from './findings.model.js';
import {
  APPEAL_COLUMN_LABELS,
  APPEAL_KINDS,
  APPEAL_KIND_LABELS,
  APPEAL_TOTAL_COLUMN,
  APPLICATION_COLUMNS,
  OUTCOMES,
  ROW_KEYS,
  ROW_LABELS,
  TOTAL_COLUMN,
} from './reports.model.js';
import type { AnnualReport } from './reports.schema.js';
import { columnLabel } from './shape.model.js';

/**
 * The arithmetic that must hold inside one report (REGULATIONS.md §2.4–2.5, EXCHANGE.md §2.2):
 * the 总计 column, the （七）总计 row, the 勾稽关系 of table 三 and the 总计 of table 四.
 * Pure; the tables are already well formed (see shape.model.ts).
 */

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const cell = (row: readonly number[], i: number): number => row[i] ?? 0;

/** S3_COLUMN_TOTAL: in every row, 总计 = the six applicant columns (REGULATIONS.md §2.4 [Derived]). */
export function checkColumnTotals(
  place: FindingPlace,
  table: AnnualReport['applications'],
): LocatedFinding[] {
  const out: LocatedFinding[] = [];
  for (const key of ROW_KEYS) {
    const row = table.rows[key];
    const stated = cell(row, TOTAL_COLUMN);
    const computed = sum(row.slice(0, TOTAL_COLUMN));
    if (stated !== computed) {
      out.push(
        finding(
          place,
          'S3_COLUMN_TOTAL',
          `applications.rows.${key}[${TOTAL_COLUMN}]`,
          `${ROW_LABELS[key]} 的 总计 列为 ${stated}，但自然人至其他六列之和为 ${computed}`,
        ),
      );
    }
  }
  return out;
}

/** S3_OUTCOME_TOTAL: in every column, （七）总计 = the 21 outcome rows (REGULATIONS.md §2.4 [Derived]). */
export function checkOutcomeTotals(
  place: FindingPlace,
  table: AnnualReport['applications'],
): LocatedFinding[] {
  const out: LocatedFinding[] = [];
  APPLICATION_COLUMNS.forEach((_, c) => {
    const stated = cell(table.rows.total, c);
    const computed = sum(OUTCOMES.map((o) => cell(table.rows[o], c)));
    if (stated !== computed) {
      out.push(
        finding(
          place,
          'S3_OUTCOME_TOTAL',
          `applications.rows.total[${c}]`,
          `${ROW_LABELS.total} 的 ${columnLabel(c)} 列为 ${stated}，但 21 个办理结果之和为 ${computed}`,
        ),
      );
    }
  });
  return out;
}

/**
 * S3_BALANCE: in every column, 一 + 二 = 三（七）总计 + 四 — the 勾稽关系 printed in table 三
 * ("第一项加第二项之和，等于第三项加第四项之和", REGULATIONS.md §2.4).
 */
export function checkBalance(
  place: FindingPlace,
  table: AnnualReport['applications'],
): LocatedFinding[] {
  const out: LocatedFinding[] = [];
  const { rows } = table;
  APPLICATION_COLUMNS.forEach((_, c) => {
    const left = cell(rows.new, c) + cell(rows.carried_in, c);
    const right = cell(rows.total, c) + cell(rows.carried_out, c);
    if (left !== right) {
      out.push(
        finding(
          place,
          'S3_BALANCE',
          `applications.rows.carried_out[${c}]`,
          `${columnLabel(c)} 列不符合勾稽关系：一、本年新收 ${cell(rows.new, c)} + 二、上年结转 ${cell(rows.carried_in, c)} = ${left}，` +
            `但 三、（七）总计 ${cell(rows.total, c)} + 四、结转下年度继续办理 ${cell(rows.carried_out, c)} = ${right}`,
        ),
      );
    }
  });
  return out;
}

/** S4_TOTAL: in every block of table 四, 总计 = 维持 + 纠正 + 其他 + 尚未审结 (REGULATIONS.md §2.5). */
export function checkAppealTotals(
  place: FindingPlace,
  appeals: AnnualReport['appeals'],
): LocatedFinding[] {
  const out: LocatedFinding[] = [];
  for (const kind of APPEAL_KINDS) {
    const block = appeals[kind];
    const stated = cell(block, APPEAL_TOTAL_COLUMN);
    const computed = sum(block.slice(0, APPEAL_TOTAL_COLUMN));
    if (stated !== computed) {
      out.push(
        finding(
          place,
          'S4_TOTAL',
          `appeals.${kind}[${APPEAL_TOTAL_COLUMN}]`,
          `四、${APPEAL_KIND_LABELS[kind]} 的 总计 为 ${stated}，但 ${APPEAL_COLUMN_LABELS.slice(0, 4).join('、')} 之和为 ${computed}`,
        ),
      );
    }
  }
  return out;
}
