import { AppError } from '../platform/errors.js';
import { PLACEHOLDER_NAMES } from './letters.context.js';
import { ACTION_TEMPLATES } from './letters.defaults.actions.js';
import { REPLY_TEMPLATES_DISCLOSE } from './letters.defaults.disclose.js';
import { REPLY_TEMPLATES_OTHER } from './letters.defaults.other.js';
import { isReplyKind, type LetterKind } from './letters.model.js';

/**
 * Letter templates and the small template engine that fills them.
 *
 * A template is plain text, never HTML: a title and a body of paragraphs, one per line. The only
 * syntax is `{{name}}` (a placeholder from PLACEHOLDERS, letters.context.ts) and a line starting
 * with `{{?name}}`, kept only when `name` has a value. Nothing is evaluated; the renderer escapes
 * the whole text, so neither a template nor a value can inject markup.
 *
 * A body line `附：救济途径` starts the appendix printed after the 落款; every reply letter has one
 * holding the 救济途径 sentence (行政复议 60 days, 行政诉讼 6 months).
 */
export interface LetterTemplate {
  title: string;
  body: string;
}

/** A template as stored in letter_templates (org_id null = a platform-wide default). */
export interface StoredTemplate extends LetterTemplate {
  id?: number | null;
  org_id: number | null;
  kind: string;
  version: number;
}

/** The template a letter is made from, and where it came from. */
export interface ResolvedTemplate extends LetterTemplate {
  kind: LetterKind;
  source: 'org' | 'platform' | 'builtin';
  version: number;
  template_id: number | null;
}

/** A template or letter problem; `placeholders` names the offending placeholders. */
export class LetterError extends AppError {
  constructor(
    code: 'ERR_LETTER_PLACEHOLDER' | 'ERR_LETTER_TEMPLATE',
    message: string,
    readonly placeholders: readonly string[],
  ) {
    super(code, code === 'ERR_LETTER_PLACEHOLDER' ? 422 : 400, message);
    this.name = 'LetterError';
  }
}

/** The built-in default template of every letter kind. */
export const DEFAULT_TEMPLATES: Readonly<Record<LetterKind, LetterTemplate>> = {
  ...ACTION_TEMPLATES,
  ...REPLY_TEMPLATES_DISCLOSE,
  ...REPLY_TEMPLATES_OTHER,
};

/** The appendix marker line of reply letters. */
export const APPENDIX_MARKER = '附：救济途径';

const TOKEN = /\{\{\s*(\?)?\s*([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)\s*\}\}/g;

interface Scan {
  names: string[];
  errors: string[];
}

function scan(text: string, allowCondition: boolean): Scan {
  const names: string[] = [];
  const errors: string[] = [];
  for (const line of text.split('\n')) {
    for (const m of line.matchAll(TOKEN)) {
      const [whole, q, name = ''] = m;
      if (q && !(allowCondition && m.index === 0)) errors.push(`${whole}（条件只能写在段首）`);
      names.push(name);
    }
    const rest = line.replace(TOKEN, '');
    if (rest.includes('{{') || rest.includes('}}')) errors.push(`无法识别的占位符写法：${line}`);
  }
  return { names, errors };
}

/** The placeholder names a template uses, each once, in order of first use. */
export function templatePlaceholders(t: LetterTemplate): string[] {
  return [...new Set([...scan(t.title, false).names, ...scan(t.body, true).names])];
}

/**
 * Checks a template before it is saved: syntax, placeholders known to the platform, and for reply
 * letters the 救济途径 appendix with {{review_body}} and {{court}}. Throws ERR_LETTER_TEMPLATE.
 */
export function validateTemplate(kind: LetterKind, t: LetterTemplate): void {
  const title = scan(t.title, false);
  const body = scan(t.body, true);
  const errors = [...title.errors, ...body.errors];
  if (t.title.trim() === '') errors.push('标题不能为空');
  if (t.title.includes('\n')) errors.push('标题只能有一行');
  const unknown = [...new Set([...title.names, ...body.names])].filter(
    (n) => !PLACEHOLDER_NAMES.has(n),
  );
  if (unknown.length > 0) errors.push(`未知的占位符：${unknown.map((n) => `{{${n}}}`).join('、')}`);
  if (isReplyKind(kind)) {
    const appendix = t.body.split('\n').findIndex((l) => l.trim() === APPENDIX_MARKER);
    const after =
      appendix < 0
        ? ''
        : t.body
            .split('\n')
            .slice(appendix + 1)
            .join('\n');
    if (!after.includes('{{review_body}}') || !after.includes('{{court}}'))
      errors.push(`答复类告知书须以“${APPENDIX_MARKER}”结尾，并写明{{review_body}}和{{court}}`);
  }
  if (errors.length > 0)
    throw new LetterError('ERR_LETTER_TEMPLATE', `模板有误：${errors.join('；')}`, unknown);
}

/**
 * Fills a template's text with values. Unknown names (absent from `values`) are a template error;
 * known names without a value are ERR_LETTER_PLACEHOLDER, listing every missing name at once.
 * Returns the filled lines (plain text, not escaped); conditional lines whose value is missing are
 * dropped, and so are blank lines.
 */
export function fillTemplate(
  t: LetterTemplate,
  values: ReadonlyMap<string, string | null>,
): { title: string; lines: string[] } {
  const unknown = templatePlaceholders(t).filter((n) => !values.has(n));
  if (unknown.length > 0)
    throw new LetterError(
      'ERR_LETTER_TEMPLATE',
      `模板使用了未知的占位符：${unknown.map((n) => `{{${n}}}`).join('、')}`,
      unknown,
    );
  const missing = new Set<string>();
  const fill = (line: string): string =>
    line.replace(TOKEN, (_whole, _q: string | undefined, name: string) => {
      const v = values.get(name);
      if (v === null || v === undefined) {
        missing.add(name);
        return '';
      }
      return v;
    });
  const lines: string[] = [];
  for (const raw of t.body.split('\n')) {
    const cond = /^\s*\{\{\s*\?\s*([a-z0-9_.]+)\s*\}\}/.exec(raw);
    if (cond && (values.get(cond[1] ?? '') ?? null) === null) continue;
    const line = fill(cond ? raw.slice(cond[0].length) : raw).trim();
    if (line !== '') lines.push(line);
  }
  const title = fill(t.title).trim();
  if (missing.size > 0) {
    const names = [...missing];
    throw new LetterError(
      'ERR_LETTER_PLACEHOLDER',
      `生成告知书缺少以下内容：${names.map((n) => `{{${n}}}`).join('、')}`,
      names,
    );
  }
  return { title, lines };
}

/**
 * The template a letter of `kind` is made from: the org's latest version, else the latest
 * platform-wide stored version (org_id null), else the built-in default. `orgTemplates` may hold
 * rows of any kind; rows of other kinds are ignored.
 */
export function resolveTemplate(
  orgTemplates: readonly StoredTemplate[],
  kind: LetterKind,
): ResolvedTemplate {
  const latest = (rows: StoredTemplate[]): StoredTemplate | undefined =>
    rows.reduce<StoredTemplate | undefined>(
      (a, b) => (a && a.version >= b.version ? a : b),
      undefined,
    );
  const ofKind = orgTemplates.filter((t) => t.kind === kind);
  const org = latest(ofKind.filter((t) => t.org_id !== null));
  const platform = latest(ofKind.filter((t) => t.org_id === null));
  const chosen = org ?? platform;
  if (chosen) {
    return {
      kind,
      title: chosen.title,
      body: chosen.body,
      source: org ? 'org' : 'platform',
      version: chosen.version,
      template_id: chosen.id ?? null,
    };
  }
  const builtin = DEFAULT_TEMPLATES[kind];
  return { kind, ...builtin, source: 'builtin', version: 0, template_id: null };
}

/** The next version number for a new template of `kind` in an org (versions start at 1). */
export function nextTemplateVersion(orgTemplates: readonly StoredTemplate[], kind: string): number {
  return orgTemplates
    .filter((t) => t.kind === kind && t.org_id !== null)
    .reduce((max, t) => Math.max(max, t.version + 1), 1);
}
