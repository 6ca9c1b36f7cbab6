import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_NAMES } from './letters.context.js';
import { LETTER_KINDS, isReplyKind } from './letters.model.js';
import {
  DEFAULT_TEMPLATES,
  LetterError,
  fillTemplate,
  nextTemplateVersion,
  resolveTemplate,
  templatePlaceholders,
  validateTemplate,
  type StoredTemplate,
} from './letters.templates.js';

const row = (org_id: number | null, kind: string, version: number): StoredTemplate => ({
  id: (org_id ?? 0) * 100 + version,
  org_id,
  kind,
  version,
  title: `T${org_id ?? 'p'}v${version}`,
  body: '{{applicant.name}}',
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof LetterError ? e.code : 'not a LetterError';
  }
  return undefined;
}

describe('default templates', () => {
  it.each(LETTER_KINDS)('%s is valid and uses only known placeholders', (kind) => {
    const t = DEFAULT_TEMPLATES[kind];
    expect(() => validateTemplate(kind, t)).not.toThrow();
    expect(templatePlaceholders(t).filter((n) => !PLACEHOLDER_NAMES.has(n))).toEqual([]);
  });

  it.each(LETTER_KINDS.filter(isReplyKind))('reply %s ends with the 救济途径', (kind) => {
    const body = DEFAULT_TEMPLATES[kind].body;
    expect(body).toContain('附：救济途径');
    expect(body).toContain('六十日内向{{review_body}}申请行政复议');
    expect(body).toContain('六个月内向{{court}}提起行政诉讼');
  });
});

describe('validateTemplate', () => {
  it('lists every unknown placeholder', () => {
    try {
      validateTemplate('acknowledgement', { title: '回执', body: '{{applicant.nam}}{{foo}}' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LetterError);
      expect((e as LetterError).code).toBe('ERR_LETTER_TEMPLATE');
      expect((e as LetterError).placeholders).toEqual(['applicant.nam', 'foo']);
    }
  });

  it.each([
    ['an unclosed brace', '{{applicant.name'],
    ['an expression', '{{ applicant.name + 1 }}'],
    ['a condition in mid-line', '您好{{?reason}}'],
  ])('refuses %s', (_what, body) => {
    expect(codeOf(() => validateTemplate('acknowledgement', { title: '回执', body }))).toBe(
      'ERR_LETTER_TEMPLATE',
    );
  });

  it('refuses a reply template without the 救济途径', () => {
    const t = { title: '答复', body: '{{applicant.name}}' };
    expect(codeOf(() => validateTemplate('reply_open_provided', t))).toBe('ERR_LETTER_TEMPLATE');
  });
});

describe('fillTemplate', () => {
  const values = new Map<string, string | null>([
    ['applicant.name', '<script>alert(1)</script>'],
    ['reason', null],
    ['ref', 'A1'],
  ]);

  it('substitutes values without evaluating them', () => {
    const out = fillTemplate({ title: '{{ref}}', body: '致{{applicant.name}}' }, values);
    expect(out).toEqual({ title: 'A1', lines: ['致<script>alert(1)</script>'] });
  });

  it('drops a conditional line whose value is missing and keeps it when present', () => {
    const body = '甲\n{{?reason}}理由：{{reason}}\n{{?ref}}编号{{ref}}';
    expect(fillTemplate({ title: 't', body }, values).lines).toEqual(['甲', '编号A1']);
  });

  it('names every missing placeholder with ERR_LETTER_PLACEHOLDER', () => {
    try {
      fillTemplate({ title: '{{reason}}', body: '{{reason}}{{ref}}' }, values);
      expect.unreachable();
    } catch (e) {
      expect((e as LetterError).code).toBe('ERR_LETTER_PLACEHOLDER');
      expect((e as LetterError).placeholders).toEqual(['reason']);
      expect((e as LetterError).message).toContain('{{reason}}');
    }
  });

  it('treats a name absent from the values as an unknown placeholder', () => {
    expect(codeOf(() => fillTemplate({ title: 't', body: '{{nope}}' }, values))).toBe(
      'ERR_LETTER_TEMPLATE',
    );
  });
});

describe('resolveTemplate', () => {
  it.each([
    ['no stored templates: the built-in default', [], 'builtin', 0],
    ['a platform row only', [row(null, 'extension', 2)], 'platform', 2],
    [
      "the org's latest version over older ones and the platform's",
      [
        row(7, 'extension', 1),
        row(7, 'extension', 3),
        row(7, 'extension', 2),
        row(null, 'extension', 9),
      ],
      'org',
      3,
    ],
    ['rows of other kinds are ignored', [row(7, 'fee_notice', 5)], 'builtin', 0],
  ] as const)('%s', (_what, rows, source, version) => {
    const t = resolveTemplate(rows, 'extension');
    expect(t.source).toBe(source);
    expect(t.version).toBe(version);
    expect(t.kind).toBe('extension');
    if (source === 'builtin') expect(t.body).toBe(DEFAULT_TEMPLATES.extension.body);
    else expect(t.template_id).toBe(rows.find((r) => r.version === version)?.id);
  });

  it('numbers a new org version after the latest one', () => {
    expect(nextTemplateVersion([], 'extension')).toBe(1);
    expect(nextTemplateVersion([row(7, 'extension', 1), row(7, 'extension', 4)], 'extension')).toBe(
      5,
    );
  });
});
