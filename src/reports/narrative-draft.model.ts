import {
  APPEAL_PENDING_COLUMN,
  CHANNELS,
  TOTAL_COLUMN,
  type Channel,
  type OrgKind,
  type RowKey,
} from './reports.model.js';
import type { AnnualReport, PublishedAnnualReport } from './reports.schema.js';

/**
 * The first draft of the text sections of an annual report (条例第五十条): 一 总体情况 with its
 * five usual sub-headings (（一）主动公开 （二）依申请公开 （三）政府信息管理 （四）平台建设
 * （五）监督保障, REGULATIONS.md §2.2), 五 存在的主要问题及改进情况 and 六 其他需要报告的事项,
 * written from the figures with year-on-year comparisons and laid out like the seed report.
 * Staff edit the draft; the figures' sentences are phrased so that NARRATIVE_MISMATCH can read
 * them. Pure.
 */

/** Marker of text staff must still write; a report containing it is not submitted. */
export const PLACEHOLDER_MARK = '【请填写';

/** The parts of the text an org writes itself; the figures' sentences are generated. */
export interface NarrativeTemplate {
  /** How the org refers to itself (我委, 本机关). */
  self: string;
  /** Names of the channels in the text (管委会门户网站, 市信息公开平台). */
  channelNames: Partial<Record<Channel, string>>;
  intro: string;
  proactive: string;
  requests: string;
  management: string;
  platform: string;
  oversight: string;
  problems: string;
  other: string;
}

const DEFAULT_CHANNEL_NAMES: Record<Channel, string> = {
  portal: '门户网站',
  platform: '政府信息公开平台',
  gazette: '政府公报',
  new_media: '政务新媒体',
  other: '其他渠道',
};

/** The template of an org without an earlier report: placeholders where staff must write. */
export function defaultTemplate(kind: OrgKind): NarrativeTemplate {
  const todo = (what: string) => `${PLACEHOLDER_MARK}${what}】`;
  return {
    self: kind === 'zone' ? '我委' : '本机关',
    channelNames: kind === 'zone' ? { portal: '管委会门户网站', platform: '市信息公开平台' } : {},
    intro: todo('本年度政务公开工作的总体情况综述'),
    proactive: '',
    requests: '',
    management: todo('政府信息管理情况，如公文公开属性源头认定、发布审查、政策文件库建设'),
    platform: todo('政府信息公开平台建设情况，如门户网站、政务新媒体的建设和管理'),
    oversight: todo(
      kind === 'government'
        ? '监督保障情况，含工作考核、社会评议和责任追究结果情况'
        : '监督保障情况，如领导机制、考核、培训和监督检查',
    ),
    problems: todo('存在的主要问题及改进情况'),
    other: '',
  };
}

const SUBHEADINGS = ['主动公开', '依申请公开', '政府信息管理', '平台建设', '监督保障'] as const;
const NUMERALS = ['一', '二', '三', '四', '五'] as const;
const heading = (i: number) => `（${NUMERALS[i]}）${SUBHEADINGS[i]}方面。`;

/**
 * A template carried forward from the org's report of `fromYear`: its own paragraphs (intro,
 * （三）–（五）, 五, 六 without the fee sentence), with that year's number moved on to `toYear`.
 */
export function templateFromNarrative(
  narrative: Partial<AnnualReport['narrative']>,
  fromYear: number,
  toYear: number,
  base: NarrativeTemplate,
): NarrativeTemplate {
  const moved = (text: string) => text.split(`${fromYear}年`).join(`${toYear}年`).trim();
  const parts = (narrative.overview ?? '').split(/[(（]([一二三四五])[)）]/);
  const sections = new Map<string, string>();
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const body = (parts[i + 1] ?? '').replace(/^[^。]{0,12}方面。/, '');
    sections.set(parts[i] ?? '', moved(body));
  }
  const pick = (numeral: string, fallback: string) => sections.get(numeral) || fallback;
  const other = (narrative.other ?? '')
    .split('。')
    .filter((s) => s.trim() !== '' && !/处理费|其他需要报告/.test(s))
    .map((s) => `${s}。`)
    .join('');
  return {
    ...base,
    intro: moved(parts[0] ?? '') || base.intro,
    management: pick('三', base.management),
    platform: pick('四', base.platform),
    oversight: pick('五', base.oversight),
    problems: moved(narrative.problems ?? '') || base.problems,
    other: moved(other),
  };
}

/** What the draft is written from. */
export interface DraftInput {
  year: number;
  report: AnnualReport;
  /** The previous year's report (generated here or imported as published), for comparisons. */
  previous?: PublishedAnnualReport | AnnualReport | null;
  /** Distinct items published in the year, when known (an item may go to several channels). */
  publishedItems?: number;
  /** Applications answered after their time limit in the year (条例第三十三条), when known. */
  overdue?: number;
  template: NarrativeTemplate;
}

/** The draft of sections 一, 五 and 六. */
export function draftNarrative(input: DraftInput): AnnualReport['narrative'] {
  const { template: t } = input;
  const overview = [
    t.intro,
    `${heading(0)}${proactiveText(input)}${t.proactive}`,
    `${heading(1)}${requestsText(input)}${t.requests}`,
    `${heading(2)}${t.management}`,
    `${heading(3)}${t.platform}`,
    `${heading(4)}${t.oversight}`,
  ].join('\n');
  return { overview, problems: t.problems, other: otherText(input) };
}

/** "增长12.5%" / "下降3.0%" / "持平", or null when there is nothing to compare with. */
export function change(current: number, previous: number | undefined): string | null {
  if (previous === undefined || previous === 0) return null;
  if (current === previous) return '持平';
  const pct = (Math.abs(current - previous) / previous) * 100;
  return `${current > previous ? '增长' : '下降'}${pct.toFixed(1)}%`;
}

const channelTotal = (channels: Partial<Record<Channel, number>> | undefined) =>
  channels ? CHANNELS.reduce((sum, c) => sum + (channels[c] ?? 0), 0) : undefined;

function proactiveText(input: DraftInput): string {
  const { year, report, template: t } = input;
  const total = input.publishedItems ?? channelTotal(report.channels) ?? 0;
  const listed = CHANNELS.flatMap((c) => {
    const n = report.channels[c] ?? 0;
    return n > 0 ? [`${t.channelNames[c] ?? DEFAULT_CHANNEL_NAMES[c]}公开${n}条`] : [];
  });
  let text = `${year}年，${t.self}主动公开政府信息${total}条${listed.length > 0 ? `，其中${listed.join('，')}` : ''}。`;
  const previous = channelTotal(input.previous?.channels);
  const trend = change(total, previous);
  if (trend) text += `与上年（${previous}条）相比${trend}。`;
  const docs = report.proactive;
  for (const [key, label] of [
    ['rules', '规章'],
    ['normative_documents', '行政规范性文件'],
  ] as const) {
    const d = docs[key];
    if (d.issued + d.abolished + d.in_force === 0) continue;
    text += `全年制发${label}${d.issued}件、废止${d.abolished}件，现行有效${label}${d.in_force}件。`;
  }
  return text;
}

const OUTCOME_GROUPS: Array<[string, (key: RowKey) => boolean]> = [
  ['予以公开', (k) => k === 'open'],
  ['部分公开', (k) => k === 'partial'],
  ['不予公开', (k) => k.startsWith('withheld_')],
  ['无法提供', (k) => k.startsWith('unable_')],
  ['不予处理', (k) => k.startsWith('rejected_')],
  ['其他处理', (k) => k === 'other' || k.startsWith('other_')],
];

function requestsText(input: DraftInput): string {
  const { year, report, template: t } = input;
  const rows = report.applications.rows;
  const at = (key: RowKey) => rows[key][TOTAL_COLUMN] ?? 0;
  const received = at('new');
  const prevReceived = input.previous?.applications?.rows.new[TOTAL_COLUMN];
  const trend = change(received, prevReceived);
  let text = `${year}年，${t.self}共收到政府信息公开申请${received}件`;
  if (trend) text += `，同比${trend}（上年${prevReceived}件）`;
  const appeals = report.appeals;
  const review = appeals.review[4] ?? 0;
  const litigation =
    (appeals.litigation_direct[4] ?? 0) + (appeals.litigation_after_review[4] ?? 0);
  if (received + at('carried_in') === 0 && review + litigation === 0)
    return `${text}，无信息公开行政复议及行政诉讼发生。${previousPending(input)}`;
  text += '。';
  if (at('carried_in') > 0) text += `上年结转${at('carried_in')}件。`;
  const keys = Object.keys(rows) as RowKey[];
  const groups = OUTCOME_GROUPS.flatMap(([label, test]) => {
    const n = keys.filter(test).reduce((sum, k) => sum + at(k), 0);
    return n > 0 ? [`${label}${n}件`] : [];
  });
  text += `本年度办结${at('total')}件${groups.length > 0 ? `，其中${groups.join('、')}` : ''}`;
  text += `；结转下年度继续办理${at('carried_out')}件。`;
  if (input.overdue !== undefined)
    text += input.overdue > 0 ? `逾期答复${input.overdue}件。` : '无逾期答复情况。';
  if (review + litigation === 0) text += '无信息公开行政复议及行政诉讼发生。';
  else {
    text += `被申请政府信息公开行政复议${review}件，被提起政府信息公开行政诉讼${litigation}件。`;
    const decided = (appeals.review[0] ?? 0) + (appeals.review[1] ?? 0) + (appeals.review[2] ?? 0);
    if (decided > 0) {
      const corrected = appeals.review[1] ?? 0;
      text += `行政复议已审结${decided}件，其中结果纠正${corrected}件，复议纠正率${((corrected / decided) * 100).toFixed(1)}%。`;
    }
  }
  return text + previousPending(input);
}

/** A reminder to report how last year's pending appeals ended (APPEAL_PENDING). */
function previousPending(input: DraftInput): string {
  const appeals = input.previous?.appeals;
  if (!appeals) return '';
  const pending = Object.values(appeals).reduce(
    (sum, block) => sum + (block[APPEAL_PENDING_COLUMN] ?? 0),
    0,
  );
  return pending > 0
    ? `上年尚未审结的信息公开行政复议、行政诉讼案件${pending}件，${PLACEHOLDER_MARK}审结情况】。`
    : '';
}

function otherText(input: DraftInput): string {
  const { year, report, template: t } = input;
  const fees = report.fees;
  const rest = t.other.trim();
  if (fees.notices === 0 && fees.collected_yuan === 0)
    return `本年度本机关未收取政府信息公开处理费${rest ? `。${rest}` : '，无其他需要报告的事项。'}`;
  return (
    `依据《政府信息公开信息处理费管理办法》规定，${year}年本机关发出收费通知${fees.notices}件，` +
    `通知金额${fees.notice_amount_yuan}元，实际收取信息处理费共计${fees.collected_yuan}元。` +
    (rest || '无其他需要报告的事项。')
  );
}
