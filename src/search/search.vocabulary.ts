import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Conn } from '../platform/db/database.js';
import type { Segmenter } from './search.segment.js';

/**
 * The government vocabulary jieba should keep whole: terms of 政务公开 work (REGULATIONS.md) and
 * common administrative words. Org names and the words administrators add are loaded from the
 * database on top (table `search_words`, page /admin/search/words).
 */
export const GOVERNMENT_WORDS: readonly string[] = [
  '政务公开',
  '信息公开',
  '政府信息公开',
  '依申请公开',
  '主动公开',
  '不予公开',
  '政府信息公开指南',
  '政府信息公开目录',
  '政府信息公开年度报告',
  '年度报告',
  '规范性文件',
  '行政规范性文件',
  '政策解读',
  '管委会',
  '管理委员会',
  '开发区',
  '高新区',
  '经开区',
  '经济技术开发区',
  '人民政府',
  '办公室',
  '办公厅',
  '街道办事处',
  '行政复议',
  '行政诉讼',
  '行政许可',
  '行政处罚',
  '行政强制',
  '行政审批',
  '公积金',
  '住房公积金',
  '社保',
  '社会保险',
  '养老保险',
  '医疗保险',
  '失业保险',
  '工伤保险',
  '最低生活保障',
  '低保',
  '财政预算',
  '财政决算',
  '部门预算',
  '部门决算',
  '三公经费',
  '政府采购',
  '招标投标',
  '重大建设项目',
  '公共资源配置',
  '双随机',
  '一公开',
  '营商环境',
  '放管服',
  '一网通办',
  '最多跑一次',
  '政务服务',
  '便民服务',
  '权责清单',
  '权力清单',
  '责任清单',
  '征地拆迁',
  '国有土地上房屋征收',
  '土地征收',
  '安置补偿',
  '棚户区改造',
  '保障性住房',
  '生态环境',
  '环境影响评价',
  '安全生产',
  '应急管理',
  '突发事件',
  '食品安全',
  '市场监管',
  '人才引进',
  '就业补贴',
  '创业补贴',
  '社保补贴',
  '稳岗补贴',
  '乡村振兴',
  '城乡居民',
  '文号',
  '索引号',
  '成文日期',
  '发布日期',
  '废止',
  '失效',
  '有效',
  '公示',
  '公告',
  '通告',
  '实施意见',
  '实施方案',
  '实施细则',
  '管理办法',
  '暂行办法',
  '工作要点',
  '工作方案',
];

const USER_FREQ = 300000;

function dictText(words: Iterable<string>): string {
  const lines: string[] = [];
  for (const w of words) {
    const word = w.replace(/\s+/g, '');
    if (word) lines.push(`${word} ${USER_FREQ} n`);
  }
  return `${lines.join('\n')}\n`;
}

function dictLines(words: Iterable<string>): Buffer {
  return Buffer.from(dictText(words));
}

/**
 * jieba's user dictionary as `segmenterFor` loads it (the government vocabulary, administrators'
 * words, org names), as text: the bulk rebuild's segmenting workers load the same (segment-pool.ts).
 */
export async function vocabularyLines(conn: Conn): Promise<string> {
  return dictText([...GOVERNMENT_WORDS, ...(await extraWords(conn))]);
}

/** What the extra vocabulary depends on; a change reloads the segmenter. */
async function vocabularyVersion(conn: Conn): Promise<string> {
  const w = await conn
    .selectFrom('search_words')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('max')])
    .executeTakeFirst();
  const o = await conn
    .selectFrom('orgs')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('max')])
    .executeTakeFirst();
  return `${Number(w?.n ?? 0)}:${String(w?.max ?? '')}:${Number(o?.n ?? 0)}:${String(o?.max ?? '')}`;
}

async function extraWords(conn: Conn): Promise<string[]> {
  const words = await conn.selectFrom('search_words').select('word').execute();
  const orgs = await conn.selectFrom('orgs').select('name').execute();
  return [...words.map((w) => w.word), ...orgs.map((o) => o.name)];
}

let base: Jieba | null = null;
let current: { jieba: Jieba; version: string; checkedAt: number } | null = null;

/** Jieba with the built-in dictionary and the government vocabulary, created once. */
function baseJieba(): Jieba {
  if (!base) {
    base = Jieba.withDict(dict);
    base.loadDict(dictLines(GOVERNMENT_WORDS));
  }
  return base;
}

/** A segmenter over jieba with only the built-in government vocabulary (tests, benchmarks). */
export function staticSegmenter(): Segmenter {
  const jieba = baseJieba();
  return { cut: (text) => jieba.cut(text, false) };
}

/** How often the vocabulary version is checked, in milliseconds. */
const CHECK_EVERY_MS = 5000;

/**
 * The segmenter with the government vocabulary, org names and administrators' words, reloaded
 * when they change (checked every few seconds; `force` checks now, e.g. after adding a word).
 */
export async function segmenterFor(conn: Conn, force = false): Promise<Segmenter> {
  const now = Date.now();
  if (!current || force || now - current.checkedAt > CHECK_EVERY_MS) {
    const version = await vocabularyVersion(conn);
    if (!current || current.version !== version) {
      // Removing a word needs a fresh instance: jieba can only add.
      const jieba = Jieba.withDict(dict);
      jieba.loadDict(dictLines([...GOVERNMENT_WORDS, ...(await extraWords(conn))]));
      current = { jieba, version, checkedAt: now };
    } else current.checkedAt = now;
  }
  const jieba = current.jieba;
  return { cut: (text) => jieba.cut(text, false) };
}
