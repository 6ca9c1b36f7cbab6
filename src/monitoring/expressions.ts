/**
 * 严重表述错误 (REGULATIONS.md §7.4; 国办秘函〔2019〕19号 单项否决): standard political expressions
 * and their common wrong forms, renamed institutions (medium: historical references may be
 * right), and leaders' names and titles from an administrator-kept list.
 */
import expressionsData from './dictionaries/expressions.json' with { type: 'json' };
import institutionsData from './dictionaries/institutions.json' with { type: 'json' };
import {
  makeFinding,
  normaliseWidth,
  type CheckOptions,
  type Finding,
  type LeaderEntry,
} from './findings.model.js';
import { PhraseDictionary } from './phrase-dictionary.js';

interface ExpressionEntry {
  id: string;
  correct: string;
  wrong: string[];
  except?: string[];
}
interface InstitutionEntry {
  id: string;
  old: string[];
  current: string;
  since: string;
  except?: string[];
}

const EXPRESSIONS = new PhraseDictionary(
  (expressionsData.entries as ExpressionEntry[]).flatMap((e) =>
    e.wrong.map((wrong) => ({ wrong, except: e.except, payload: e })),
  ),
);
const INSTITUTIONS = new PhraseDictionary(
  (institutionsData.entries as InstitutionEntry[]).flatMap((e) =>
    e.old.map((wrong) => ({ wrong, except: e.except, payload: e })),
  ),
);

/** Wrong forms of standard political expressions: always high. */
export function detectExpressions(text: string, _options: CheckOptions): Finding[] {
  return EXPRESSIONS.find(normaliseWidth(text)).map((hit) =>
    makeFinding(text, hit.start, hit.end, {
      category: 'expression',
      rule: `expression.${hit.payload.id}`,
      severity: 'high',
      suggestion: `规范表述应为「${hit.payload.correct}」`,
    }),
  );
}

/** Old or renamed institution names; "原…" is a deliberate historical reference and skipped. */
export function detectInstitutions(text: string, _options: CheckOptions): Finding[] {
  const norm = normaliseWidth(text);
  return INSTITUTIONS.find(norm)
    .filter((hit) => norm[hit.start - 1] !== '原')
    .map((hit) =>
      makeFinding(text, hit.start, hit.end, {
        category: 'expression',
        rule: `expression.institution.${hit.payload.id}`,
        severity: 'medium',
        suggestion: `机构已于${hit.payload.since}年调整，现为「${hit.payload.current}」；如属历史表述可忽略或加“原”字`,
      }),
    );
}

const BASE_TITLES = [
  '书记',
  '副书记',
  '省长',
  '副省长',
  '市长',
  '副市长',
  '县长',
  '副县长',
  '区长',
  '副区长',
  '镇长',
  '副镇长',
  '乡长',
  '主任',
  '副主任',
  '局长',
  '副局长',
  '厅长',
  '副厅长',
  '部长',
  '副部长',
  '主席',
  '副主席',
  '总理',
  '副总理',
  '秘书长',
  '副秘书长',
  '常委',
  '处长',
  '副处长',
  '院长',
  '副院长',
  '检察长',
  '署长',
  '行长',
  '组长',
];
/** Words that may follow a leader's name when a title stands before it. */
const AFTER_NAME =
  /^(?:$|[^\u4e00-\u9fff]|同志|在|指出|强调|主持|出席|表示|要求|讲话|一行|等|说|和|与|及|带队|调研|会见|参加)/;

interface LeaderIndex {
  names: PhraseDictionary<LeaderEntry>;
  wrongNames: PhraseDictionary<LeaderEntry>;
  titles: string[];
}
const indexes = new WeakMap<readonly LeaderEntry[], LeaderIndex>();

function leaderIndex(leaders: readonly LeaderEntry[]): LeaderIndex {
  const cached = indexes.get(leaders);
  if (cached) return cached;
  const titles = [...new Set([...BASE_TITLES, ...leaders.flatMap((l) => l.titles)])].sort(
    (a, b) => b.length - a.length,
  );
  const index: LeaderIndex = {
    names: new PhraseDictionary(leaders.map((l) => ({ wrong: l.name, payload: l }))),
    wrongNames: new PhraseDictionary(
      leaders.flatMap((l) => (l.wrongNames ?? []).map((wrong) => ({ wrong, payload: l }))),
    ),
    titles,
  };
  indexes.set(leaders, index);
  return index;
}

/** True when `title` names one of the leader's titles ("书记" for 市委书记, not for 市委副书记). */
function titleFits(leader: LeaderEntry, title: string): boolean {
  return leader.titles.some(
    (t) => t === title || (t.endsWith(title) && t[t.length - title.length - 1] !== '副'),
  );
}

/**
 * Leaders' names next to a title they do not hold, and known misspellings of their names
 * (§7.4: 将党和国家领导人姓名写错 is a 单项否决). Silent when no list is configured.
 */
export function detectLeaders(text: string, options: CheckOptions): Finding[] {
  const leaders = options.leaders ?? [];
  if (leaders.length === 0) return [];
  const norm = normaliseWidth(text);
  const index = leaderIndex(leaders);
  const found: Finding[] = [];
  for (const hit of index.wrongNames.find(norm)) {
    found.push(
      makeFinding(text, hit.start, hit.end, {
        category: 'expression',
        rule: 'expression.leader_name',
        severity: 'high',
        suggestion: `领导人姓名应为「${hit.payload.name}」`,
      }),
    );
  }
  for (const hit of index.names.find(norm)) {
    const rest = norm.slice(hit.end, hit.end + 12);
    const after = index.titles.find((t) => rest.startsWith(t) || rest.startsWith(`同志${t}`));
    const before = AFTER_NAME.test(rest)
      ? index.titles.find((t) => norm.endsWith(t, hit.start))
      : undefined;
    const sides: Array<[string | undefined, number, number]> = [
      [before, hit.start - (before?.length ?? 0), hit.end],
      [after, hit.start, hit.end + rest.indexOf(after ?? '') + (after?.length ?? 0)],
    ];
    for (const [title, start, end] of sides) {
      if (title === undefined || titleFits(hit.payload, title)) continue;
      found.push(
        makeFinding(text, start, end, {
          category: 'expression',
          rule: 'expression.leader_title',
          severity: 'high',
          suggestion: `请核对职务：${hit.payload.name}现任${hit.payload.titles.join('、')}`,
        }),
      );
    }
  }
  return found;
}
