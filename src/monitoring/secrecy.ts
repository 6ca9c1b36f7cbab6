/**
 * 保密 markers (REGULATIONS.md §7.6; 《党政机关公文处理工作条例》第九条; GB/T 9704-2012 密级★保密期限).
 * High: `(绝密|机密|秘密)\s*★` anywhere, `密级：…` labels, or a bare 密级 word standing alone on one
 * of the first lines. Medium: internal-circulation markers from a configurable list. Bare words
 * in running text ("商业秘密", "国家秘密") are not flagged.
 */
import { makeFinding, normaliseWidth, type CheckOptions, type Finding } from './findings.model.js';

/** Default internal-circulation markers (§7.6: "a configurable list starting with 内部资料"). */
export const DEFAULT_INTERNAL_MARKERS: readonly string[] = [
  '内部资料',
  '内部文件',
  '内部刊物',
  '内部传阅',
  '内部参考',
  '仅供内部',
  '仅限内部',
  '不得外传',
  '严禁外传',
  '请勿外传',
];

/** How many non-empty lines count as "the first lines" where a bare 密级 word is a marker. */
const HEAD_LINES = 5;

const STAR = /(绝密|机密|秘密)\s*[★☆*]\s*(?:(?:长期|\d+\s*年|[一二三四五六七八九十]+年)\s*)?/g;
const LABEL = /密级\s*[:：]\s*(绝密|机密|秘密)/g;
const BARE_LINE = /^\s*(绝密|机密|秘密)\s*$/;

function marker(text: string, start: number, end: number): Finding {
  return makeFinding(text, start, end, {
    category: 'secrecy',
    rule: 'secrecy_marker',
    severity: 'high',
    suggestion: '含密级标志，涉密信息严禁上网；须经保密审查并由审核人注明理由后方可解除',
  });
}

/** 密级 markers: blocks publication until a reviewer clears it with a reason. */
export function detectSecrecyMarkers(text: string, _options: CheckOptions): Finding[] {
  const norm = normaliseWidth(text);
  const found: Finding[] = [];
  for (const m of norm.matchAll(STAR))
    found.push(marker(text, m.index, m.index + m[0].trimEnd().length));
  for (const m of norm.matchAll(LABEL)) found.push(marker(text, m.index, m.index + m[0].length));
  let offset = 0;
  let seen = 0;
  for (const line of norm.split('\n')) {
    if (seen >= HEAD_LINES) break;
    if (line.trim()) {
      seen++;
      const bare = BARE_LINE.exec(line);
      if (bare?.[1]) {
        const start = offset + line.indexOf(bare[1]);
        found.push(marker(text, start, start + bare[1].length));
      }
    }
    offset += line.length + 1;
  }
  return found;
}

/** Internal-circulation markers such as 内部资料 and 不得外传 (medium; also blocks). */
export function detectInternalMarkers(text: string, options: CheckOptions): Finding[] {
  const norm = normaliseWidth(text);
  const markers = options.internalMarkers ?? DEFAULT_INTERNAL_MARKERS;
  const found: Finding[] = [];
  for (const word of markers) {
    if (!word) continue;
    for (let i = norm.indexOf(word); i >= 0; i = norm.indexOf(word, i + word.length)) {
      found.push(
        makeFinding(text, i, i + word.length, {
          category: 'secrecy',
          rule: 'internal_marker',
          severity: 'medium',
          suggestion: '含内部资料标志，请确认可以公开；须由审核人注明理由后方可发布',
        }),
      );
    }
  }
  return found;
}

/** All secrecy detectors of §7.6. */
export function detectSecrecy(text: string, options: CheckOptions): Finding[] {
  return [...detectSecrecyMarkers(text, options), ...detectInternalMarkers(text, options)];
}
