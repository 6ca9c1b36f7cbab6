import { describe, expect, it } from 'vitest';
import { chinaDayEndIso, chinaDayStartIso, verifyChain } from './audit.model.js';
import { diffRows, presentAuditEntry } from './audit.presenter.js';

describe('audit presenter', () => {
  it('lists each changed field with its value before and after', () => {
    expect(diffRows('{"before":{"title":"旧","n":1},"after":{"title":"新","tags":["a"]}}')).toEqual(
      [
        { field: 'title', before: '旧', after: '新' },
        { field: 'n', before: '1', after: '' },
        { field: 'tags', before: '', after: '["a"]' },
      ],
    );
  });

  it('shows unreadable diff text as it is', () => {
    expect(diffRows('not json')).toEqual([
      { field: '（原始内容）', before: '', after: 'not json' },
    ]);
  });

  it('shows time in China time and names the platform for entries without an org', () => {
    const view = presentAuditEntry({
      seq: 7,
      at: '2026-11-27T16:05:00.000Z',
      actor_name: 'admin',
      org_name: null,
      org_id: null,
      action: 'calendar.update',
      target_type: 'calendar_year',
      target_id: '2027',
      diff: '{"before":{},"after":{}}',
    });
    expect(view).toMatchObject({
      when: '2026-11-28 00:05',
      org: '平台',
      target: 'calendar_year #2027',
      changes: [],
    });
  });
});

describe('China day bounds', () => {
  it('turns a China date into the UTC instants that bound it', () => {
    expect(chinaDayStartIso('2026-11-28')).toBe('2026-11-27T16:00:00.000Z');
    expect(chinaDayEndIso('2026-11-28')).toBe('2026-11-28T16:00:00.000Z');
  });
});

describe('verifyChain', () => {
  it('reports a missing head when entries exist without one', () => {
    expect(verifyChain([], null)).toBeNull();
    expect(verifyChain([], { seq: 2, hash: 'x' })).toMatchObject({ seq: 1, kind: 'deleted' });
  });
});
