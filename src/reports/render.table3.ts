import type { RowKey } from './reports.model.js';

/**
 * The row labels of table 三 in their three levels, verbatim from the national 2021 format
 * (REGULATIONS.md §2.4). `ROW_LABELS` in reports.model.ts shortens them for messages; documents
 * print these.
 */

/** The note printed in the 3×3 top-left cell (the 勾稽关系, checked as `S3_BALANCE`). */
export const TABLE3_CORNER_NOTE =
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** Level 1, 2 and 3 label of every row; a lower level is null where the row has none. */
export const TABLE3_LABELS: Record<RowKey, [string, string | null, string | null]> = {
  new: ['一、本年新收政府信息公开申请数量', null, null],
  carried_in: ['二、上年结转政府信息公开申请数量', null, null],
  open: ['三、本年度办理结果', '（一）予以公开', null],
  partial: ['三、本年度办理结果', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', null],
  withheld_state_secret: ['三、本年度办理结果', '（三）不予公开', '1.属于国家秘密'],
  withheld_prohibited_by_law: [
    '三、本年度办理结果',
    '（三）不予公开',
    '2.其他法律行政法规禁止公开',
  ],
  withheld_security_stability: ['三、本年度办理结果', '（三）不予公开', '3.危及“三安全一稳定”'],
  withheld_third_party: ['三、本年度办理结果', '（三）不予公开', '4.保护第三方合法权益'],
  withheld_internal_affairs: ['三、本年度办理结果', '（三）不予公开', '5.属于三类内部事务信息'],
  withheld_process_info: ['三、本年度办理结果', '（三）不予公开', '6.属于四类过程性信息'],
  withheld_enforcement_file: ['三、本年度办理结果', '（三）不予公开', '7.属于行政执法案卷'],
  withheld_query_matter: ['三、本年度办理结果', '（三）不予公开', '8.属于行政查询事项'],
  unable_not_held: ['三、本年度办理结果', '（四）无法提供', '1.本机关不掌握相关政府信息'],
  unable_needs_creation: ['三、本年度办理结果', '（四）无法提供', '2.没有现成信息需要另行制作'],
  unable_unclear_after_correction: [
    '三、本年度办理结果',
    '（四）无法提供',
    '3.补正后申请内容仍不明确',
  ],
  rejected_complaint: ['三、本年度办理结果', '（五）不予处理', '1.信访举报投诉类申请'],
  rejected_duplicate: ['三、本年度办理结果', '（五）不予处理', '2.重复申请'],
  rejected_publication: ['三、本年度办理结果', '（五）不予处理', '3.要求提供公开出版物'],
  rejected_excessive: ['三、本年度办理结果', '（五）不予处理', '4.无正当理由大量反复申请'],
  rejected_confirmation: [
    '三、本年度办理结果',
    '（五）不予处理',
    '5.要求行政机关确认或重新出具已获取信息',
  ],
  other_correction_overdue: [
    '三、本年度办理结果',
    '（六）其他处理',
    '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  ],
  other_fee_unpaid: [
    '三、本年度办理结果',
    '（六）其他处理',
    '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  ],
  other: ['三、本年度办理结果', '（六）其他处理', '3.其他'],
  total: ['三、本年度办理结果', '（七）总计', null],
  carried_out: ['四、结转下年度继续办理', null, null],
};

/** A row-header cell that starts on a row (cells spanning down from above are not repeated). */
export interface Table3Label {
  role: 'row' | 'rowgroup';
  text: string;
  id: string;
  rowSpan: number;
  colSpan: number;
}

/** One row of table 三 as laid out: its new label cells, all its row header ids, its group. */
export interface Table3Row {
  key: RowKey;
  labels: Table3Label[];
  headerIds: string[];
  /** Starts a new `<tbody>`: 一, 三 and 四 each open one (三 spans its 22 rows as a rowgroup). */
  startsGroup: boolean;
}

const GROUP_STARTS: ReadonlySet<RowKey> = new Set<RowKey>(['new', 'open', 'carried_out']);

/** Builds the rows from the labels: consecutive equal labels merge into one cell with a row span. */
function buildRows(): Table3Row[] {
  const keys = Object.keys(TABLE3_LABELS) as RowKey[];
  const at = (i: number): readonly (string | null)[] => {
    const key = keys[i];
    return key ? TABLE3_LABELS[key] : [null, null, null];
  };
  const groupIds = new Map<string, string>();
  return keys.map((key, index) => {
    const levels = TABLE3_LABELS[key];
    const depth = levels.filter((l) => l !== null).length;
    const labels: Table3Label[] = [];
    const headerIds: string[] = [];
    levels.forEach((text, level) => {
      if (text === null) return;
      const last = level === depth - 1;
      // A label shared by several rows is a group header with its own id; a row's own label is t3-r-KEY.
      const id = last
        ? `t3-r-${key}`
        : (groupIds.get(text) ?? groupIds.set(text, `t3-g${groupIds.size + 1}`).get(text) ?? '');
      headerIds.push(id);
      const samePrefix = (i: number) =>
        at(i)
          .slice(0, level + 1)
          .every((t, l) => t === levels[l]);
      if (index > 0 && samePrefix(index - 1)) return;
      let rowSpan = 1;
      while (index + rowSpan < keys.length && samePrefix(index + rowSpan)) rowSpan++;
      labels.push({
        role: level === 0 && rowSpan > 1 ? 'rowgroup' : 'row',
        text,
        id,
        rowSpan,
        colSpan: last ? 3 - level : 1,
      });
    });
    return { key, labels, headerIds, startsGroup: GROUP_STARTS.has(key) };
  });
}

/** The 25 rows of table 三, in the order of `ROW_KEYS`. */
export const TABLE3_ROWS: readonly Table3Row[] = buildRows();
