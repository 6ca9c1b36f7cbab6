import {
  APPEAL_COLUMN_LABELS,
  APPEAL_KINDS,
  APPLICATION_COLUMNS,
  COLUMN_LABELS,
  type AppealKind,
} from './reports.model.js';
import { TABLE3_ROWS, TABLE3_CORNER_NOTE } from './render.table3.js';
import { TABLE_CAPTIONS, type FigurePath, type RenderableReport } from './render.shared.js';

/**
 * The three tables of the annual report as grids of cells with row and column spans, exactly as
 * the national 2021 format merges them (REGULATIONS.md §2.3–2.5). Every renderer (HTML, DOCX,
 * XLSX, CSV) draws these grids, so the merges and labels are written once.
 */

/**
 * What a cell is: `corner` the 勾稽关系 note; `caption` a block caption of table 二; `col` /
 * `colgroup` column headers; `row` / `rowgroup` row headers; `value` a figure.
 */
export type CellRole = 'corner' | 'caption' | 'col' | 'colgroup' | 'row' | 'rowgroup' | 'value';

/** One cell of a grid. Cells covered by another cell's span are not listed. */
export interface GridCell {
  role: CellRole;
  /** The label; for a value cell, empty (see `value`). */
  text: string;
  rowSpan: number;
  colSpan: number;
  /** Header cells: an id, unique within the table (the HTML renderer prefixes it). */
  id?: string;
  /** Value cells: the ids of every header that applies (for HTML `headers`). */
  headers?: string[];
  /** Value cells: the figure, or null when the report does not have it. */
  value?: number | null;
  /** Value cells: where the figure is in the document. */
  path?: FigurePath;
}

/** A group of rows: the table head, or one body group (a `<tbody>`). */
export interface RowGroup {
  head: boolean;
  rows: GridCell[][];
}

/** One table of the report. */
export interface TableGrid {
  part: 'proactive' | 'applications' | 'appeals';
  /** Table number as in the format: 二, 三, 四. */
  number: '二' | '三' | '四';
  caption: string;
  columns: number;
  /** Column groups (spans), for `<colgroup>`. */
  colGroups: number[];
  groups: RowGroup[];
  /** The report does not have this part at all. */
  missing: boolean;
}

const th = (
  role: CellRole,
  text: string,
  id: string | undefined,
  colSpan = 1,
  rowSpan = 1,
): GridCell => ({ role, text, id, colSpan, rowSpan });

const val = (
  value: number | null | undefined,
  path: FigurePath,
  headers: string[],
  colSpan = 1,
): GridCell => ({
  role: 'value',
  text: '',
  value: value ?? null,
  path,
  headers,
  colSpan,
  rowSpan: 1,
});

/** Table 二: four blocks, each a caption row and a header row opening with 信息内容 (§2.3). */
export function proactiveGrid(doc: RenderableReport): TableGrid {
  const p = doc.proactive;
  const block = (
    key: string,
    caption: string,
    heads: Array<[string, string]>,
    rows: Array<[string, string, Array<{ value: number | undefined; path: FigurePath }>]>,
  ): RowGroup => {
    const capId = `t2-${key}`;
    const wide = heads.length === 1 ? 3 : 1;
    return {
      head: false,
      rows: [
        [th('caption', caption, capId, 4)],
        [
          th('col', '信息内容', `${capId}-content`),
          ...heads.map(([id, label]) => th('col', label, `${capId}-${id}`, wide)),
        ],
        ...rows.map(([id, label, values]) => [
          th('row', label, `${capId}-${id}`),
          ...values.map((v, i) =>
            val(
              v.value,
              v.path,
              [capId, `${capId}-${heads[i]?.[0] ?? ''}`, `${capId}-${id}`],
              wide,
            ),
          ),
        ]),
      ],
    };
  };
  const stock = (key: 'rules' | 'normative_documents') =>
    (['issued', 'abolished', 'in_force'] as const).map((f) => ({
      value: p?.[key]?.[f],
      path: `proactive.${key}.${f}`,
    }));
  const one = (key: 'licensing' | 'penalty' | 'enforcement' | 'fees_10k_yuan') => [
    { value: p?.[key], path: `proactive.${key}` },
  ];
  const decisions: Array<[string, string]> = [['decisions', '本年处理决定数量']];
  return {
    part: 'proactive',
    number: '二',
    caption: TABLE_CAPTIONS.proactive,
    columns: 4,
    colGroups: [1, 3],
    missing: p === undefined,
    groups: [
      block(
        'b1',
        '第二十条第（一）项',
        [
          ['issued', '本年制发件数'],
          ['abolished', '本年废止件数'],
          ['in_force', '现行有效件数'],
        ],
        [
          ['rules', '规章', stock('rules')],
          ['normative', '行政规范性文件', stock('normative_documents')],
        ],
      ),
      block('b5', '第二十条第（五）项', decisions, [['licensing', '行政许可', one('licensing')]]),
      block('b6', '第二十条第（六）项', decisions, [
        ['penalty', '行政处罚', one('penalty')],
        ['enforcement', '行政强制', one('enforcement')],
      ]),
      block(
        'b8',
        '第二十条第（八）项',
        [['amount', '本年收费金额（单位：万元）']],
        [['fees', '行政事业性收费', one('fees_10k_yuan')]],
      ),
    ],
  };
}

/** Column header ids of table 三, per applicant column (申请人情况 › 法人或其他组织 › …). */
function table3ColumnHeaders(col: number): string[] {
  const key = APPLICATION_COLUMNS[col] ?? 'total';
  const legal = col >= 1 && col <= 5 ? ['t3-legal'] : [];
  return ['t3-applicant', ...legal, `t3-c-${key}`];
}

/** Table 三: the 3×3 勾稽关系 corner, 申请人情况 over 7 columns, 25 rows in 3 label levels (§2.4). */
export function applicationsGrid(doc: RenderableReport): TableGrid {
  const rows = doc.applications?.rows;
  const col = (c: number, rowSpan = 1) =>
    th(
      'col',
      COLUMN_LABELS[APPLICATION_COLUMNS[c] ?? 'total'],
      `t3-c-${APPLICATION_COLUMNS[c]}`,
      1,
      rowSpan,
    );
  const head: GridCell[][] = [
    [
      { ...th('corner', TABLE3_CORNER_NOTE, undefined, 3, 3) },
      th('colgroup', '申请人情况', 't3-applicant', 7),
    ],
    [col(0, 2), th('colgroup', '法人或其他组织', 't3-legal', 5), col(6, 2)],
    [1, 2, 3, 4, 5].map((c) => col(c)),
  ];
  const groups: RowGroup[] = [{ head: true, rows: head }];
  let current: RowGroup | null = null;
  for (const spec of TABLE3_ROWS) {
    if (spec.startsGroup || current === null) {
      current = { head: false, rows: [] };
      groups.push(current);
    }
    const cells: GridCell[] = spec.labels.map((l) =>
      th(l.role, l.text, l.id, l.colSpan, l.rowSpan),
    );
    const values = rows?.[spec.key];
    for (let c = 0; c < APPLICATION_COLUMNS.length; c++) {
      cells.push(
        val(values?.[c], `applications.rows.${spec.key}.${c}`, [
          ...table3ColumnHeaders(c),
          ...spec.headerIds,
        ]),
      );
    }
    current.rows.push(cells);
  }
  return {
    part: 'applications',
    number: '三',
    caption: TABLE_CAPTIONS.applications,
    columns: 10,
    colGroups: [3, 1, 5, 1],
    missing: rows === undefined,
    groups,
  };
}

const APPEAL_BLOCK_IDS: Record<AppealKind, string[]> = {
  review: ['t4-review'],
  litigation_direct: ['t4-litigation', 't4-direct'],
  litigation_after_review: ['t4-litigation', 't4-after'],
};

/** Table 四: 行政复议 (5) | 行政诉讼 (10: 未经复议直接起诉 5 | 复议后起诉 5), one row of 15 (§2.5). */
export function appealsGrid(doc: RenderableReport): TableGrid {
  const a = doc.appeals;
  const head: GridCell[][] = [
    [
      th('colgroup', '行政复议', 't4-review', 5, 2),
      th('colgroup', '行政诉讼', 't4-litigation', 10),
    ],
    [
      th('colgroup', '未经复议直接起诉', 't4-direct', 5),
      th('colgroup', '复议后起诉', 't4-after', 5),
    ],
    APPEAL_KINDS.flatMap((k) =>
      APPEAL_COLUMN_LABELS.map((label, i) => th('col', label, `t4-${k}-${i}`)),
    ),
  ];
  const body = APPEAL_KINDS.flatMap((k) =>
    APPEAL_COLUMN_LABELS.map((_, i) =>
      val(a?.[k][i], `appeals.${k}.${i}`, [...APPEAL_BLOCK_IDS[k], `t4-${k}-${i}`]),
    ),
  );
  return {
    part: 'appeals',
    number: '四',
    caption: TABLE_CAPTIONS.appeals,
    columns: 15,
    colGroups: [5, 5, 5],
    missing: a === undefined,
    groups: [
      { head: true, rows: head },
      { head: false, rows: [body] },
    ],
  };
}

/** The three grids, in the order of the report. */
export const reportGrids = (doc: RenderableReport): TableGrid[] => [
  proactiveGrid(doc),
  applicationsGrid(doc),
  appealsGrid(doc),
];

/** A cell with its top-left position in the grid. */
export interface PlacedCell {
  row: number;
  col: number;
  cell: GridCell;
}

/**
 * Positions every cell as the HTML table model does: each cell takes the first column of its row
 * not covered by a cell spanning down from above. Rows are numbered over all groups.
 */
export function placeCells(grid: TableGrid): PlacedCell[] {
  const taken = new Set<string>();
  const placed: PlacedCell[] = [];
  let row = 0;
  for (const group of grid.groups) {
    for (const cells of group.rows) {
      let col = 0;
      for (const cell of cells) {
        while (taken.has(`${row}:${col}`)) col++;
        placed.push({ row, col, cell });
        for (let r = 0; r < cell.rowSpan; r++)
          for (let c = 0; c < cell.colSpan; c++) taken.add(`${row + r}:${col + c}`);
        col += cell.colSpan;
      }
      row++;
    }
  }
  return placed;
}

/** Number of rows of a grid. */
export const gridRowCount = (grid: TableGrid): number =>
  grid.groups.reduce((n, g) => n + g.rows.length, 0);
