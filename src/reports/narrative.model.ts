import { finding, type FindingPlace, type LocatedFinding } from './findings.model.js';
import { CHANNELS, CHANNEL_LABELS, TOTAL_COLUMN } from './reports.model.js';
import type { ParsedReport } from './shape.model.js';

/**
 * NARRATIVE_MISMATCH (EXCHANGE.md §2.2; REGULATIONS.md §2.6): numbers stated in the text of
 * sections 一, 五 and 六 — 收到政府信息公开申请75件, 现行有效行政规范性文件393件,
 * 主动公开政府信息4058条, 门户网站公开3686条 — compared with the tables. Only sentences the
 * platform can read with confidence are checked: a stated number that refers to another year
 * (上年, 同比, 较…, 2021年…) or to a part the document lacks is never compared.
 */

type Parts = ParsedReport['parts'];

/** A number in the text with its phrase. */
export interface NarrativeClaim {
  rule: string;
  value: number;
  phrase: string;
  field: 'overview' | 'problems' | 'other';
}

interface ClaimRule {
  name: string;
  pattern: RegExp;
  /** The table's figure(s) when they disagree with `value`; null when they agree or cannot be compared. */
  mismatch(value: number, parts: Parts): string | null;
}

const NUM = String.raw`(\d{1,3}(?:[,，]\d{3})+|\d+(?:\.\d+)?)`;
const TOTAL = String.raw`(?:共计|合计|总计|累计|共)?`;

const differs = (value: number, accepted: number[], describe: string): string | null =>
  accepted.includes(value) ? null : describe;

const RULES: ClaimRule[] = [
  {
    name: 'applications_received',
    pattern: new RegExp(
      String.raw`(?:收到|受理|新收|接收|接到)(?:各类|公众|群众)?(?:的)?(?:政府)?信息公开申请${TOTAL}${NUM}件`,
      'g',
    ),
    mismatch(value, parts) {
      const rows = parts.applications?.rows;
      if (!rows) return null;
      const fresh = rows.new[TOTAL_COLUMN] ?? 0;
      const withCarried = fresh + (rows.carried_in[TOTAL_COLUMN] ?? 0);
      // Some reports state the new applications only, others include those carried in.
      return differs(
        value,
        [fresh, withCarried],
        `表三 一、本年新收政府信息公开申请数量 总计为 ${fresh}（含上年结转为 ${withCarried}）`,
      );
    },
  },
  ...(['normative_documents', 'rules'] as const).map((key): ClaimRule => ({
    name: `${key}_in_force`,
    pattern: new RegExp(
      String.raw`现行有效(?:的)?${key === 'rules' ? '规章' : '(?:行政)?规范性文件'}${TOTAL}${NUM}件`,
      'g',
    ),
    mismatch(value, parts) {
      const figure = parts.proactive?.[key]?.in_force;
      const label = key === 'rules' ? '规章' : '行政规范性文件';
      return figure === undefined
        ? null
        : differs(value, [figure], `表二 ${label} 现行有效件数为 ${figure}`);
    },
  })),
  {
    name: 'proactive_total',
    pattern: new RegExp(String.raw`主动公开(?:各类)?(?:政府)?信息${TOTAL}${NUM}条`, 'g'),
    mismatch(value, parts) {
      const counts = CHANNELS.map((c) => parts.channels?.[c]).filter(
        (n): n is number => n !== undefined,
      );
      if (counts.length === 0) return null;
      // An item published to several channels is counted once per channel, so the number of
      // distinct items lies between the largest channel and the sum of all channels.
      const high = counts.reduce((a, b) => a + b, 0);
      const low = Math.max(...counts);
      return value >= low && value <= high
        ? null
        : `各渠道公开条数为 ${low}–${high} 条（最大单一渠道至各渠道之和）`;
    },
  },
  ...(
    [
      ['portal', '(?:门户网站|政府网站)'],
      ['platform', '(?:信息公开平台|公开平台)'],
      ['new_media', '政务新媒体(?:平台)?'],
    ] as const
  ).map(([channel, source]): ClaimRule => ({
    name: `channel_${channel}`,
    pattern: new RegExp(
      String.raw`${source}(?:上)?${TOTAL}(?:公开|发布)(?:政府信息|信息)?${TOTAL}${NUM}条`,
      'g',
    ),
    mismatch(value, parts) {
      const figure = parts.channels?.[channel];
      return figure === undefined
        ? null
        : differs(value, [figure], `${CHANNEL_LABELS[channel]}公开条数为 ${figure}`);
    },
  })),
  {
    name: 'appeals_review',
    pattern: new RegExp(
      String.raw`信息公开(?:类)?(?:的)?行政复议(?:案件)?${TOTAL}${NUM}(?:件|起)`,
      'g',
    ),
    mismatch(value, parts) {
      const figure = parts.appeals?.review[4];
      return figure === undefined
        ? null
        : differs(value, [figure], `表四 行政复议 总计为 ${figure}`);
    },
  },
  {
    name: 'appeals_litigation',
    pattern: new RegExp(
      String.raw`信息公开(?:类)?(?:的)?行政诉讼(?:案件)?${TOTAL}${NUM}(?:件|起)`,
      'g',
    ),
    mismatch(value, parts) {
      const appeals = parts.appeals;
      if (!appeals) return null;
      const figure =
        (appeals.litigation_direct[4] ?? 0) + (appeals.litigation_after_review[4] ?? 0);
      return differs(value, [figure], `表四 行政诉讼 总计为 ${figure}`);
    },
  },
  {
    name: 'fees_collected',
    pattern: new RegExp(String.raw`实际收取(?:政府信息公开)?(?:信息)?处理费${TOTAL}${NUM}元`, 'g'),
    mismatch(value, parts) {
      const figure = parts.fees?.collected_yuan;
      return figure === undefined
        ? null
        : differs(value, [figure], `六、实际收取信息处理费为 ${figure} 元`);
    },
  },
  {
    name: 'fees_none',
    pattern: /未收取(?:任何)?(?:政府信息公开)?(?:信息)?处理费()/g,
    mismatch(_value, parts) {
      const figure = parts.fees?.collected_yuan;
      return figure === undefined || figure === 0 ? null : `六、实际收取信息处理费为 ${figure} 元`;
    },
  },
];

/**
 * Whether a section 六 text already states the 信息处理费 (a sentence the rules above read): the
 * renderers then leave out their own fee sentence instead of saying it twice.
 */
export function statesFees(text: string | undefined): boolean {
  if (!text) return false;
  return RULES.filter((r) => r.name.startsWith('fees_')).some((r) =>
    new RegExp(r.pattern.source).test(text),
  );
}

/** Words showing that a number refers to another period or is an exception, not this year's figure. */
const OTHER_PERIOD = /上年|去年|上一年|同比|较上|比上|除/;

/** Finds the claims in one text whose sentence clearly refers to `year`. */
export function extractNarrativeClaims(
  text: string,
  field: NarrativeClaim['field'],
  year: number | null,
): NarrativeClaim[] {
  const claims: NarrativeClaim[] = [];
  for (const rule of RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      const start = match.index;
      const sentenceStart =
        Math.max(...['。', '；', ';', '！', '\n'].map((d) => text.lastIndexOf(d, start))) + 1;
      const preamble = text.slice(sentenceStart, start);
      if (OTHER_PERIOD.test(preamble)) continue;
      const years = [...preamble.matchAll(/(\d{4})\s*年/g)].map((m) => Number(m[1]));
      const lastYear = years[years.length - 1];
      if (lastYear !== undefined && year !== null && lastYear !== year) continue;
      const digits = (match[1] ?? '').replace(/[,，]/g, '');
      claims.push({
        rule: rule.name,
        value: digits === '' ? 0 : Number(digits),
        phrase: match[0],
        field,
      });
    }
  }
  return claims;
}

/** Compares every confident claim of the narrative with the tables of the same document. */
export function checkNarrative(place: FindingPlace, parsed: ParsedReport): LocatedFinding[] {
  const narrative = parsed.parts.narrative;
  if (!narrative) return [];
  const out: LocatedFinding[] = [];
  for (const field of ['overview', 'problems', 'other'] as const) {
    const text = narrative[field];
    if (!text) continue;
    for (const claim of extractNarrativeClaims(text, field, parsed.year)) {
      const rule = RULES.find((r) => r.name === claim.rule);
      const problem = rule?.mismatch(claim.value, parsed.parts);
      if (problem) {
        out.push(
          finding(
            place,
            'NARRATIVE_MISMATCH',
            `narrative.${field}`,
            `正文写明“${claim.phrase}”，但${problem}`,
          ),
        );
      }
    }
  }
  return out;
}
