/**
 * Personal-data detectors (REGULATIONS.md §7.5): 居民身份证号 (GB 11643-1999), legacy 15-digit
 * numbers, mobile numbers and bank cards (Luhn). Confidence: valid checksum plus a keyword within
 * about 300 characters → high; checksum alone → medium; no valid checksum → not reported.
 * Masked forms (`110101********1234`, `138****5678`) never match because digits are required
 * throughout, and 统一社会信用代码 (GB 32100-2015) are not read as ID numbers.
 */
import { AhoCorasick } from './aho-corasick.js';
import {
  idCardProblem,
  isPlausibleBirthDate,
  isValidUscc,
  luhnValid,
} from '../platform/checksums.js';
import {
  makeFinding,
  normaliseWidth,
  type CheckOptions,
  type Finding,
  type Severity,
} from './findings.model.js';

const DEFAULT_WINDOW = 300;

/** The rules of the personal-data detectors (their findings are stored masked and digested). */
export const PERSONAL_DATA_RULES: ReadonlySet<string> = new Set([
  'id_card',
  'id_card_15',
  'mobile',
  'bank_card',
]);

/** Keywords that make a nearby number personal data (§7.5: 身份证, 手机, 电话, 银行卡, 账号…). */
export const PERSONAL_KEYWORDS = [
  '身份证',
  '证件号',
  '身份号码',
  '公民身份',
  '手机',
  '电话',
  '联系方式',
  '联系人',
  '银行卡',
  '卡号',
  '账号',
  '帐号',
  '账户',
  '帐户',
  '开户',
  '户名',
  '住址',
  '户籍',
  '出生',
  '姓名',
];
const PROVINCES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(
    ' ',
  ),
);
/** Card numbers without a keyword are reported only for these leading digits (UnionPay 62, Visa 4, …). */
const CARD_PREFIX = /^(62|60|4|5|3[457]|9)/;

const KEYWORDS = new AhoCorasick(PERSONAL_KEYWORDS);

/** Sorted start offsets of personal-data keywords, computed once per text. */
function keywordPositions(norm: string): number[] {
  return KEYWORDS.search(norm)
    .map((m) => m.start)
    .sort((a, b) => a - b);
}

/** True when a keyword starts within `window` characters of [start, end) (binary search). */
function hasKeywordNear(
  positions: readonly number[],
  start: number,
  end: number,
  window: number,
): boolean {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((positions[mid] ?? 0) < start - window) lo = mid + 1;
    else hi = mid;
  }
  return lo < positions.length && (positions[lo] ?? Infinity) < end + window;
}

/** True when a 社会信用代码 label stands just before the number (GB 32100 codes are public). */
function labelledAsUscc(text: string, start: number): boolean {
  return /信用代码|组织机构代码|纳税人识别号|税号/.test(text.slice(Math.max(0, start - 20), start));
}

const ID18 = /(?<![0-9A-Za-z*])(\d{17}[\dXx])(?![0-9A-Za-z*])/g;
const ID15 = /(?<![0-9A-Za-z*])(\d{15})(?![0-9A-Za-z*])/g;
const MOBILE = /(?<![0-9A-Za-z*])(?:\+?86[ -]?)?(1[3-9]\d(?:[ -]?\d{4}){2})(?![0-9A-Za-z*])/g;
const CARD = /(?<![0-9A-Za-z*])(\d{4}(?:[ -]?\d{2,4}){3,4}\d{0,3})(?![0-9A-Za-z*])/g;

/** 居民身份证号: 18 characters with valid region, birth date and GB 11643 check character. */
export function detectIdCards(text: string, options: CheckOptions): Finding[] {
  const norm = normaliseWidth(text);
  const window = options.keywordWindow ?? DEFAULT_WINDOW;
  const found: Finding[] = [];
  const keywords = keywordPositions(norm);
  for (const m of norm.matchAll(ID18)) {
    const id = m[1] ?? '';
    const start = m.index;
    const end = start + id.length;
    if (idCardProblem(id, options.today) !== null) continue;
    if (isValidUscc(id) && labelledAsUscc(norm, start)) continue;
    const high = hasKeywordNear(keywords, start, end, window);
    found.push(
      makeFinding(text, start, end, {
        category: 'personal_data',
        rule: 'id_card',
        severity: high ? 'high' : 'medium',
        suggestion: '含居民身份证号码，发布前请删除或遮盖（如 110101********1234）',
      }),
    );
  }
  for (const m of norm.matchAll(ID15)) {
    const id = m[1] ?? '';
    const start = m.index;
    const end = start + id.length;
    const legacy =
      PROVINCES.has(id.slice(0, 2)) && isPlausibleBirthDate(`19${id.slice(6, 12)}`, options.today);
    if (!legacy || !hasKeywordNear(keywords, start, end, window)) continue;
    found.push(
      makeFinding(text, start, end, {
        category: 'personal_data',
        rule: 'id_card_15',
        severity: 'medium',
        suggestion: '疑似15位旧身份证号码，发布前请删除或遮盖',
      }),
    );
  }
  return found;
}

/** Mobile numbers `1[3-9]\d{9}` (separators allowed): medium alone, high with a keyword. */
export function detectMobiles(text: string, options: CheckOptions): Finding[] {
  const norm = normaliseWidth(text);
  const window = options.keywordWindow ?? DEFAULT_WINDOW;
  const found: Finding[] = [];
  const keywords = keywordPositions(norm);
  for (const m of norm.matchAll(MOBILE)) {
    const number = m[1] ?? '';
    const start = m.index + m[0].length - number.length;
    const end = start + number.length;
    const severity: Severity = hasKeywordNear(keywords, start, end, window) ? 'high' : 'medium';
    found.push(
      makeFinding(text, start, end, {
        category: 'personal_data',
        rule: 'mobile',
        severity,
        suggestion:
          '含手机号码，发布前请删除或遮盖（如 138****5678）；本机关公开的号码可加入白名单',
      }),
    );
  }
  return found;
}

/** Bank card numbers: 16–19 digits (groups allowed) passing Luhn; ID numbers and USCCs excluded. */
export function detectBankCards(text: string, options: CheckOptions): Finding[] {
  const norm = normaliseWidth(text);
  const window = options.keywordWindow ?? DEFAULT_WINDOW;
  const found: Finding[] = [];
  const keywords = keywordPositions(norm);
  for (const m of norm.matchAll(CARD)) {
    const raw = m[1] ?? '';
    const digits = raw.replace(/[ -]/g, '');
    if (digits.length < 16 || digits.length > 19 || !luhnValid(digits)) continue;
    if (
      digits.length === 18 &&
      (idCardProblem(digits, options.today) === null || isValidUscc(digits))
    )
      continue;
    const start = m.index;
    const end = start + raw.length;
    const keyword = hasKeywordNear(keywords, start, end, window);
    if (!keyword && !CARD_PREFIX.test(digits)) continue;
    found.push(
      makeFinding(text, start, end, {
        category: 'personal_data',
        rule: 'bank_card',
        severity: keyword ? 'high' : 'medium',
        suggestion:
          '含银行卡号，发布前请删除或遮盖（仅保留后四位）；本机关公开的收费账户可加入白名单',
      }),
    );
  }
  return found;
}

/** All personal-data detectors of §7.5. */
export function detectPersonalData(text: string, options: CheckOptions): Finding[] {
  return [
    ...detectIdCards(text, options),
    ...detectMobiles(text, options),
    ...detectBankCards(text, options),
  ];
}
