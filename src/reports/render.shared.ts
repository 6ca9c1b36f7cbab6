import { APPEAL_TOTAL_COLUMN, CHANNELS, TOTAL_COLUMN } from './reports.model.js';
import type { PublishedAnnualReport } from './reports.schema.js';
import { statesFees } from './narrative.model.js';

/**
 * Text shared by every output of the annual report (HTML, DOCX, XLSX, CSV, charts): the title,
 * the preamble, the six section headings of the national 2021 format (国办公开办函〔2021〕30号,
 * REGULATIONS.md §2.2), number formatting, narrative paragraphs and section 六's fee sentence.
 * Everything here is pure.
 */

/** What every renderer accepts as a report: a complete or a published (possibly partial) one. */
export type RenderableReport = PublishedAnnualReport;

/** The organisation shown on the report; `PortalOrg` fits. Contacts feed the preamble's last sentence. */
export interface ReportOrgView {
  name: string;
  contactOffice?: string | null;
  contactAddress?: string | null;
  contactPhone?: string | null;
  contactPostcode?: string | null;
}

/**
 * The path of one figure in the document, dot-separated, array indices as numbers:
 * `proactive.rules.issued`, `proactive.licensing`, `applications.rows.new.6`,
 * `appeals.review.4`, `fees.collected_yuan`. The HTML renderer passes it to `links`.
 */
export type FigurePath = string;

/** Shown instead of a figure or a text the report does not have (a missing part is never zero). */
export const NOT_REPORTED = '（未填报）';

/** `{org}{year}年政府信息公开工作年度报告`. */
export const reportTitle = (orgName: string, year: number): string =>
  `${orgName}${year}年政府信息公开工作年度报告`;

/** The six section headings (REGULATIONS.md §2.2). */
export const SECTION_HEADINGS = {
  overview: '一、总体情况',
  proactive: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  appeals: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
} as const;

/** Table captions: the section heading without its number. */
export const TABLE_CAPTIONS = {
  proactive: '主动公开政府信息情况',
  applications: '收到和处理政府信息公开申请情况',
  appeals: '政府信息公开行政复议、行政诉讼情况',
} as const;

/**
 * The opening paragraph published reports carry: basis, contents, statistical period and, when
 * the org has contacts, where to ask. Reports before 2021 cite the trial format (REGULATIONS.md §2.7).
 */
export function reportPreamble(doc: Pick<RenderableReport, 'year'>, org: ReportOrgView): string {
  const format =
    doc.year >= 2021
      ? '《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）'
      : '《中华人民共和国政府信息公开工作年度报告格式（试行）》（国办公开办函〔2019〕60号）';
  const parts = [
    `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和${format}要求编制。`,
    '全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。',
    `本报告所列数据的统计期限自${doc.year}年1月1日起至${doc.year}年12月31日止。`,
  ];
  const contact = [
    org.contactAddress ? `地址：${org.contactAddress}` : null,
    org.contactPostcode ? `邮编：${org.contactPostcode}` : null,
    org.contactPhone ? `电话：${org.contactPhone}` : null,
  ].filter((x): x is string => x !== null);
  if (org.contactOffice || contact.length) {
    const who = org.contactOffice ?? org.name;
    parts.push(
      `如对本报告有疑问，请与${who}联系${contact.length ? `（${contact.join('；')}）` : ''}。`,
    );
  }
  return parts.join('');
}

/** A figure as printed: integers plainly, amounts with at most four decimals, no separators. */
export function formatFigure(value: number | null | undefined): string {
  if (value == null) return NOT_REPORTED;
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toFixed(4)));
}

/**
 * Splits a narrative into paragraphs: at line breaks, and where whitespace follows the end of a
 * sentence (texts copied from published reports often lost their line breaks and kept a space).
 */
export function narrativeParagraphs(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(/\r?\n|(?<=[。！？；：:;])[ \t\u3000]+/u)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/**
 * The lead-in of a paragraph that opens with a sub-heading, such as `（一）主动公开方面。`, which
 * GB/T 9704 practice sets in 楷体; null when the paragraph has none.
 */
export function subHeadingLead(paragraph: string): string | null {
  const m = /^[（(][一二三四五六七八九十]{1,3}[）)][^。！？]{0,30}?[。：:]/u.exec(paragraph);
  return m ? m[0] : null;
}

/** A piece of generated text: literal text, or a figure that may become a drill-down link. */
export type TextPart = { text: string } | { figure: number | null; path: FigurePath };

/**
 * Section 六's 信息处理费 sentence (REGULATIONS.md §2.6), with its three figures as parts; empty
 * when the narrative of section 六 already states the fees (NARRATIVE_MISMATCH checks that
 * statement against the figures), so the report never says it twice.
 */
export function feeSentence(doc: RenderableReport): TextPart[] {
  if (statesFees(doc.narrative?.other)) return [];
  const lead = '（一）收取信息处理费情况：';
  if (!doc.fees) return [{ text: `${lead}${NOT_REPORTED}` }];
  return [
    { text: `${lead}依据《政府信息公开信息处理费管理办法》，本年度发出收费通知` },
    { figure: doc.fees.notices, path: 'fees.notices' },
    { text: '件，通知总金额' },
    { figure: doc.fees.notice_amount_yuan, path: 'fees.notice_amount_yuan' },
    { text: '元，实际收取信息处理费' },
    { figure: doc.fees.collected_yuan, path: 'fees.collected_yuan' },
    { text: '元。' },
  ];
}

/** The plain text of generated parts. */
export const partsText = (parts: readonly TextPart[]): string =>
  parts.map((p) => ('text' in p ? p.text : formatFigure(p.figure))).join('');

/** The main figures of one report, for summaries and charts; null where the part is missing. */
export interface MainFigures {
  /** 主动公开政府信息 (sum over the channels reported). */
  proactive: number | null;
  /** 表三 一、本年新收 (总计). */
  newApplications: number | null;
  /** 表三 二、上年结转 (总计). */
  carriedIn: number | null;
  /** 表三 三、（七）总计 (总计). */
  concluded: number | null;
  /** 表三 四、结转下年度继续办理 (总计). */
  carriedOut: number | null;
  /** 表四 行政复议 总计 and 结果纠正. */
  reviews: number | null;
  reviewsCorrected: number | null;
  /** 表四 行政诉讼 总计 (both blocks). */
  lawsuits: number | null;
  /** 六 实际收取信息处理费 (元). */
  feesCollected: number | null;
}

/** Reads the main figures out of a report. */
export function mainFigures(doc: RenderableReport | null): MainFigures {
  const rows = doc?.applications?.rows;
  const appeals = doc?.appeals;
  const channels = doc?.channels;
  const reported = channels ? CHANNELS.filter((c) => channels[c] !== undefined) : [];
  return {
    proactive:
      channels && reported.length ? reported.reduce((s, c) => s + (channels[c] ?? 0), 0) : null,
    newApplications: rows?.new[TOTAL_COLUMN] ?? null,
    carriedIn: rows?.carried_in[TOTAL_COLUMN] ?? null,
    concluded: rows?.total[TOTAL_COLUMN] ?? null,
    carriedOut: rows?.carried_out[TOTAL_COLUMN] ?? null,
    reviews: appeals?.review[APPEAL_TOTAL_COLUMN] ?? null,
    reviewsCorrected: appeals?.review[1] ?? null,
    lawsuits: appeals
      ? (appeals.litigation_direct[APPEAL_TOTAL_COLUMN] ?? 0) +
        (appeals.litigation_after_review[APPEAL_TOTAL_COLUMN] ?? 0)
      : null,
    feesCollected: doc?.fees?.collected_yuan ?? null,
  };
}

/** Chinese labels of the main figures, with their units. */
export const MAIN_FIGURE_LABELS: Record<keyof MainFigures, string> = {
  proactive: '主动公开政府信息（条）',
  newApplications: '本年新收申请（件）',
  carriedIn: '上年结转申请（件）',
  concluded: '本年办结申请（件）',
  carriedOut: '结转下年度申请（件）',
  reviews: '行政复议（件）',
  reviewsCorrected: '行政复议结果纠正（件）',
  lawsuits: '行政诉讼（件）',
  feesCollected: '实际收取信息处理费（元）',
};
