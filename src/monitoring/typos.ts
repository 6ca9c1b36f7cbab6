/**
 * Typo rules (REGULATIONS.md §7.4, 一般类错别字): the confusion dictionary, repeated characters
 * and unbalanced brackets and quotes. All low severity except dictionary hits (medium).
 */
import confusionsData from './dictionaries/confusions.json' with { type: 'json' };
import { makeFinding, normaliseWidth, type CheckOptions, type Finding } from './findings.model.js';
import { PhraseDictionary } from './phrase-dictionary.js';

interface ConfusionEntry {
  wrong: string;
  right: string;
  except?: string[];
}

const CONFUSIONS = new PhraseDictionary(
  (confusionsData.entries as ConfusionEntry[]).map((e) => ({
    wrong: e.wrong,
    except: e.except,
    payload: e,
  })),
);
/** 截止 takes no object: "截止2023年底" should be "截至2023年底". */
const JIEZHI_DATE = /截止(?=\d{4}年|\d{1,2}月\d{1,2}日)/g;

/** Confusion dictionary (按装→安装, 既使→即使, …) plus the 截止 + date context rule. */
export function detectConfusions(text: string, _options: CheckOptions): Finding[] {
  const norm = normaliseWidth(text);
  const found = CONFUSIONS.find(norm).map((hit) =>
    makeFinding(text, hit.start, hit.end, {
      category: 'typo',
      rule: 'typo.confusion',
      severity: 'medium',
      suggestion: `疑为错别字，应为「${hit.payload.right}」`,
    }),
  );
  for (const m of norm.matchAll(JIEZHI_DATE)) {
    found.push(
      makeFinding(text, m.index, m.index + 2, {
        category: 'typo',
        rule: 'typo.confusion',
        severity: 'medium',
        suggestion: '“截止”后不能直接带时间，表示“到某时为止”应为「截至」',
      }),
    );
  }
  return found;
}

/** Characters that legitimately appear doubled (常常, 人人, 看看, 年年, 天天, 谢谢 …). */
export const REDUPLICATION_ALLOW = new Set(
  (
    '某常人看年天谢家户处事时刚渐慢纷往仅稍偏明默频连屡步层个样件条项级代世大多好深紧牢实切久匆悄静轻高足整白统通万岁日月次回' +
    '滔熊冉孜兢业勤恳形色井生息源本方面点滴声句字心念哈妈爸哥姐弟妹奶爷叔姑宝星冷清楚干净认真扎踏平安欢喜红火原上下' +
    '里外前后坑洼来往进出试想说谈走等聊问查比议一区寥皑茫蒙绵莘济赫堂巍欣蒸津历栩郁葱朗琅谆循侃姗翩洋泱浩荡轰烈沸扬' +
    '忙碌庸巴乎呼哗啦嘻嘿呵嗡隆潺淙涓袅依恋亭落斤耿惶忡戚喋汲惴岌沾脉泛芸村县乡镇校班周季门科节环桩款笔单张份批轮辈' +
    '朝暮分秒丝缕阵片朵座栋排行队组对双两三小老少老早晚细粗短长快远近薄厚满空甜香暖热凉温亮暗矮胖瘦松滚团密齐乐呆傻'
  ).split(''),
);
/** Legitimate words where a character meets its double across a word boundary. */
const REPEAT_CONTEXTS = [
  '目的的',
  '的的确',
  '不了了之',
  '了了解',
  '对对方',
  '对对象',
  '对对照',
  '在在建',
  '在在职',
  '在在校',
  '是是否',
];
/** Two-character words that may end just before, or start just after, a doubled character. */
const WORD_END = new Set(
  '城市 都市 应当 相当 用水 饮水 职工 员工 施工 开工 复工 个人 本人 法人 责任 大会 社会 工作 协会 年度 制度 办法 方法 国家 管理 合理 处理 部门 专门 会议 建议 决议 政府 学生 发生 发展 进展 全面 方面 地方 对方 单位 岗位 时间 期间 问题 主题 公开 展开 召开 情况 状况 作用 费用 使用 工程 过程 章程 议程 行业 企业 专业 就业 产业'.split(
    ' ',
  ),
);
const WORD_START = new Set(
  '市长 市委 市民 市场 市区 市级 市政 市容 市属 市直 县长 县委 县级 县城 县域 县属 区长 区委 区级 区域 区属 省长 省委 省级 省属 镇长 镇级 乡长 乡镇 村民 村委 村级 州长 当场 当地 当事 当年 当前 当日 水源 水质 水利 水务 工作 工资 工程 人员 人民 人口 任务 会议 会同 度过 法律 法规 府办 门户 议程 生产 展开 面积 方案 方面 方式 位置 间隔 题目 开展 开放 况且 用地 用于 程序 业务'.split(
    ' ',
  ),
);
/** Administrative units: 温州市市长, 某县县委 — the place name before them is an open set. */
const UNIT_CHARS = new Set('市县区省镇乡村州'.split(''));

function isWordBoundary(text: string, i: number, c: string): boolean {
  const startsWord = WORD_START.has(c + (text[i + 2] ?? ''));
  if (startsWord && UNIT_CHARS.has(c)) return true;
  return startsWord && WORD_END.has((text[i - 1] ?? '') + c);
}

/** A CJK character written twice by mistake (的的, 了了), outside the allow-list and known words. */
export function detectRepeats(text: string, _options: CheckOptions): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(/([\u4e00-\u9fff])\1/g)) {
    const c = m[1] ?? '';
    if (REDUPLICATION_ALLOW.has(c)) continue;
    const i = m.index;
    if (isWordBoundary(text, i, c) || REPEAT_CONTEXTS.some((w) => inContext(text, i, w, c)))
      continue;
    found.push(
      makeFinding(text, i, i + 2, {
        category: 'typo',
        rule: 'typo.repeat',
        severity: 'low',
        suggestion: `「${c}」字重复，应为「${c}」`,
      }),
    );
  }
  return found;
}

function inContext(text: string, i: number, word: string, c: string): boolean {
  const k = word.indexOf(c + c);
  return k >= 0 && text.startsWith(word, i - k);
}

const PAIRS: Record<string, string> = {
  '(': ')',
  '[': ']',
  '{': '}',
  '【': '】',
  '〔': '〕',
  '《': '》',
  '〈': '〉',
  '“': '”',
  '‘': '’',
  '「': '」',
  '『': '』',
};
const CLOSERS = new Map(Object.entries(PAIRS).map(([o, c]) => [c, o]));
const BRACKET_CODES = new Set(
  [...Object.keys(PAIRS), ...CLOSERS.keys(), '"'].map((c) => c.charCodeAt(0)),
);
/** A list marker such as "1）" after a line start or a separator is not an unbalanced bracket. */
const LIST_MARKER = /(?:^|[\s；;，,。：:])[0-9A-Za-z一二三四五六七八九十]{1,3}$/;

/** `ch` in the width of the bracket as written, so that （ asks for ） and ( for ). */
function inWidthOf(written: string, ch: string): string {
  const wide = written.charCodeAt(0) >= 0xff01 && written.charCodeAt(0) <= 0xff5e;
  return wide && ch.charCodeAt(0) < 0x7f ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch;
}

/** A line that opens with “ (sticky: tested at the start of the next line). */
const QUOTE_NEXT_LINE = /[ \t]*“/y;
/** A blank line (sticky: tested at the start of a line) ends a paragraph. */
const BLANK_LINE = /[ \t]*(?:\n|$)/y;

function bracket(text: string, i: number, suggestion: string): Finding {
  return makeFinding(text, i, i + 1, {
    category: 'typo',
    rule: 'typo.bracket',
    severity: 'low',
    suggestion,
  });
}

interface Open {
  ch: string;
  at: number;
}

function unclosed(text: string, open: Open): Finding {
  const written = text[open.at] ?? open.ch;
  return bracket(
    text,
    open.at,
    `「${written}」缺少配对的「${inWidthOf(written, PAIRS[open.ch] ?? '')}」`,
  );
}

/**
 * Unbalanced brackets and quotes (full-width and ASCII; 〔〕 of 文号 included). Pairs may span
 * single line breaks (hard-wrapped attachment text) but not blank lines. One pass over the text.
 */
export function detectBrackets(text: string, _options: CheckOptions): Finding[] {
  const norm = normaliseWidth(text);
  const found: Finding[] = [];
  let stack: Open[] = [];
  let asciiQuotes: number[] = [];
  let lineStart = 0;
  const flush = (): void => {
    for (const open of stack) {
      // A quotation running over several paragraphs opens each with “ and closes only at the end.
      const lineEnd = norm.indexOf('\n', open.at);
      QUOTE_NEXT_LINE.lastIndex = lineEnd + 1;
      if (open.ch === '“' && lineEnd >= 0 && QUOTE_NEXT_LINE.test(norm)) continue;
      found.push(unclosed(text, open));
    }
    const lastQuote = asciiQuotes[asciiQuotes.length - 1];
    if (asciiQuotes.length % 2 === 1 && lastQuote !== undefined) {
      found.push(bracket(text, lastQuote, '英文引号「"」不成对'));
    }
    stack = [];
    asciiQuotes = [];
  };
  for (let i = 0; i < norm.length; i++) {
    // Char codes, not one-character strings: most of the text is CJK and is only skipped.
    const code = norm.charCodeAt(i);
    if (code === 10) {
      lineStart = i + 1;
      BLANK_LINE.lastIndex = lineStart;
      if (BLANK_LINE.test(norm)) flush();
      continue;
    }
    if (!BRACKET_CODES.has(code)) continue;
    const ch = String.fromCharCode(code);
    if (ch === '"') asciiQuotes.push(i);
    if (ch in PAIRS) stack.push({ ch, at: i });
    const opener = CLOSERS.get(ch);
    if (opener === undefined) continue;
    if (ch === '’' && /[A-Za-z]/.test(norm[i - 1] ?? '') && /[A-Za-z]/.test(norm[i + 1] ?? ''))
      continue;
    let idx = stack.length - 1;
    while (idx >= 0 && stack[idx]?.ch !== opener) idx--;
    if (idx >= 0) {
      for (const orphan of stack.splice(idx).slice(1)) found.push(unclosed(text, orphan));
    } else if (!LIST_MARKER.test(norm.slice(Math.max(lineStart, i - 4), i))) {
      found.push(
        bracket(
          text,
          i,
          `多余的「${text[i] ?? ch}」，或缺少与之配对的「${inWidthOf(text[i] ?? ch, opener)}」`,
        ),
      );
    }
  }
  flush();
  return found;
}
