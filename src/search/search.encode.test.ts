import { describe, expect, it } from 'vitest';
import { encodeFields, headLiteral, lexeme, tokensFor, tsvectorLiteral } from './search.encode.js';
import type { IndexedFields } from './search.model.js';

const NONE: IndexedFields = { title: [], numbers: [], summary: [], body: [], attachments: [] };
const f = (parts: Partial<IndexedFields>): IndexedFields => ({ ...NONE, ...parts });

describe('tsvector literals of an item (PostgreSQL index)', () => {
  it.each([
    ['nothing', f({}), ''],
    ['a title', f({ title: ['公积', '积金', '公积金'] }), "'公积':1A '积金':2A '公积金':3A"],
    [
      'weights by field, positions counted across fields',
      f({
        title: ['通知'],
        numbers: ['2022'],
        summary: ['社保'],
        body: ['补贴'],
        attachments: ['附件'],
      }),
      "'通知':1A '2022':2A '社保':3B '补贴':4C '附件':5D",
    ],
    [
      'a repeated token keeps every position in order of appearance',
      f({ title: ['公积'], body: ['缴存', '公积', '缴存'] }),
      "'公积':1A,3C '缴存':2C,4C",
    ],
  ])('%s', (_name, fields, literal) => {
    expect(tsvectorLiteral(fields)).toBe(literal);
  });

  it('keeps at most 255 positions of a token, and positions stop at 16,383', () => {
    const many = tsvectorLiteral(f({ body: Array.from({ length: 300 }, () => '工作') }));
    expect(many.split(',')).toHaveLength(255);
    expect(many.endsWith(',255C')).toBe(true);
    const long = tsvectorLiteral(
      f({ body: [...Array.from({ length: 16400 }, (_, i) => `t${i}`)] }),
    );
    expect(long).toContain("'t16382':16383C");
    expect(long.endsWith("'t16399':16383C")).toBe(true);
  });

  it('quotes every lexeme and escapes quotes and backslashes', () => {
    expect(lexeme('通知')).toBe("'通知'");
    expect(lexeme("o'brien")).toBe("'o''brien'");
    expect(lexeme('a\\b')).toBe("'a\\\\b'");
  });

  it('ranks by the head: title and numbers only', () => {
    const item = f({ title: ['通知'], numbers: ['2022'], summary: ['社保'], body: ['通知'] });
    expect(headLiteral(item)).toBe("'通知':1A '2022':2A");
  });
});

describe('encodeFields', () => {
  const item = f({ title: ['公积', '积金'], numbers: ['2022'], body: ['缴存'] });

  it('joins each field by spaces for FTS5', () => {
    expect(encodeFields('fts5', item)).toEqual({
      kind: 'fts5',
      title: '公积 积金',
      numbers: '2022',
      summary: '',
      body: '缴存',
      attachments: '',
    });
  });

  it('makes the full and the head literal for PostgreSQL', () => {
    expect(encodeFields('tsvector', item)).toEqual({
      kind: 'tsvector',
      tsv: "'公积':1A '积金':2A '2022':3A '缴存':4C",
      head: "'公积':1A '积金':2A '2022':3A",
    });
  });

  it('hands an index only tokens encoded for it', () => {
    expect(tokensFor('fts5', null)).toBeNull();
    expect(tokensFor('fts5', encodeFields('fts5', item))?.title).toBe('公积 积金');
    expect(() => tokensFor('tsvector', encodeFields('fts5', item))).toThrow(
      'search tokens encoded for fts5, written to tsvector',
    );
  });
});
