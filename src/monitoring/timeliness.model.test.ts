import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../calendar/calendar.model.js';
import { SHIPPED_YEARS } from '../calendar/calendar.data.js';
import { brokenLinkFindings, contentFindings, contentSeverity } from './content-scan.model.js';
import { DEFAULT_THRESHOLDS } from './monitoring.settings.js';
import {
  findingDueOn,
  lateFindings,
  overdueApplicationFindings,
  rereviewFindings,
} from './timeliness.model.js';

const cal = buildCalendar([...SHIPPED_YEARS]);
const T = DEFAULT_THRESHOLDS;

const item = (over: Record<string, unknown>) => ({
  id: 1,
  ref: 'r1',
  title: '关于某事的通知',
  columnId: 5,
  formedOn: '2026-09-18',
  publishedOn: '2026-10-22',
  attribute: 'active',
  ...over,
});

describe('late publication (条例第二十六条: 20 working days after 成文日期)', () => {
  it.each([
    // formed 2026-09-18 → due 2026-10-22 (国庆 2026-10-01…07 off, REGULATIONS.md §3.7)
    ['2026-10-22', 'active', false],
    ['2026-10-23', 'active', true],
    ['2026-10-23', 'on_request', false],
  ])('published %s (%s) is late: %s', (publishedOn, attribute, late) => {
    const out = lateFindings(cal, [item({ publishedOn, attribute })], '2026-11-28', T);
    expect(out.length).toBe(late ? 1 : 0);
    if (late)
      expect(out[0]).toMatchObject({
        kind: 'late_publication',
        subjectId: '1',
        detail: { due_on: '2026-10-22', rule: '条例第二十六条' },
      });
  });

  it('looks back only `late_lookback_days`', () => {
    const old = item({ publishedOn: '2026-10-23' });
    expect(lateFindings(cal, [old], '2027-03-01', T)).toHaveLength(0);
    expect(lateFindings(cal, [old], '2027-03-01', { ...T, late_lookback_days: 365 })).toHaveLength(
      1,
    );
  });
});

describe('不予公开 past re-review (条例第十八条)', () => {
  it.each([
    ['2026-11-27', true],
    ['2026-11-28', false],
    [null, false],
  ])('re-review on %s is overdue on 2026-11-28: %s', (rereviewOn, overdue) => {
    const out = rereviewFindings([item({ rereviewOn, attribute: 'withheld' })], '2026-11-28');
    expect(out.length).toBe(overdue ? 1 : 0);
  });
});

describe('applications past the reply date (条例第三十三条)', () => {
  it.each([
    ['2026-11-27', true],
    ['2026-11-28', false],
    [null, false],
  ])('reply due %s, still open on 2026-11-28 → overdue %s', (replyDueOn, overdue) => {
    const out = overdueApplicationFindings(
      [{ id: 9, ref: 'GK-ABC', status: 'in_progress', replyDueOn }],
      '2026-11-28',
    );
    expect(out.length).toBe(overdue ? 1 : 0);
    if (overdue) expect(out[0]).toMatchObject({ subjectType: 'application', subjectId: '9' });
  });
});

describe('rectification due date', () => {
  it.each([
    // Friday 2026-11-27 + 10 working days = 2026-12-11; + 5 = 2026-12-04
    ['major', '2026-12-11'],
    ['minor', '2026-12-11'],
    ['veto', '2026-12-04'],
  ] as const)('%s finding detected on a Friday is due %s', (severity, due) => {
    expect(findingDueOn(cal, '2026-11-27', severity, T)).toBe(due);
  });
  it('uses the configured working days, skipping 国庆 (2026-10-01…07 off)', () => {
    expect(findingDueOn(cal, '2026-09-30', 'major', { ...T, due_working_days: 1 })).toBe(
      '2026-10-08',
    );
  });
});

describe('content rescan and broken links (§7.3–§7.6)', () => {
  it('turns engine findings into content findings with rule, text, context and offsets', () => {
    const text = '联系人手机13812345678，机密★1年。';
    const out = contentFindings(
      { id: 4, title: '通知', columnId: 2 },
      [
        { source: 'body', label: '正文', text },
        { source: 'attachment:8', label: '附件《a.pdf》', text: '没有问题的附件正文。' },
      ],
      { today: '2026-11-28' },
    );
    const kinds = out.map((f) => [f.kind, f.severity]);
    expect(kinds).toEqual([
      ['content_personal_data', 'major'],
      ['content_secrecy', 'veto'],
    ]);
    // Personal data is stored masked (finding-privacy.ts); without a key, no digest.
    expect(out[0]?.subjectId).toBe('4:body:mobile:138****5678');
    expect(out[0]?.detail).toMatchObject({
      rule: 'mobile',
      text: '138****5678',
      start: 5,
      end: 16,
    });
    expect(String(out[0]?.detail.context)).toContain('联系人手机138****5678');
    expect(JSON.stringify(out[0])).not.toContain('13812345678');
  });

  it('keeps one finding per rule and text, counting repeats', () => {
    const out = contentFindings(
      { id: 4, title: '通知', columnId: null },
      [{ source: 'body', label: '正文', text: '请按装软件。再次按装。' }],
      { today: '2026-11-28' },
    );
    expect(out).toHaveLength(1);
    expect(out[0]?.detail.occurrences).toBe(2);
  });

  it('grades severity: secrecy veto, high expression veto, typo minor', () => {
    const f = { start: 0, end: 1, text: 'x', context: 'x', suggestion: '' };
    expect(contentSeverity({ ...f, category: 'secrecy', rule: 's', severity: 'medium' })).toBe(
      'veto',
    );
    expect(contentSeverity({ ...f, category: 'expression', rule: 'e', severity: 'high' })).toBe(
      'veto',
    );
    expect(contentSeverity({ ...f, category: 'typo', rule: 't', severity: 'medium' })).toBe(
      'minor',
    );
  });

  it('groups broken links by URL; on the home page it is major', () => {
    const out = brokenLinkFindings(3, [
      { page: 'http://x/A/', url: 'http://x/old', text: '旧', status: '404', onHome: true },
      { page: 'http://x/A/b', url: 'http://x/old', text: '', status: '404', onHome: false },
      { page: 'http://x/A/b', url: 'http://y/', text: '', status: 'timeout', onHome: false },
    ]);
    expect(out.map((f) => [f.subjectId, f.severity, f.detail.page_count])).toEqual([
      ['http://x/old', 'major', 2],
      ['http://y/', 'minor', 1],
    ]);
  });
});
