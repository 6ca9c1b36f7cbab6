import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { comparableParts, manualFiguresSchema, publishedPartProblems } from './report.figures.js';
import type { PublishedAnnualReport } from './reports.schema.js';

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'),
  ) as PublishedAnnualReport;

describe('comparableParts', () => {
  it('keeps every part of a 2021-format report', () => {
    const doc = fixture('trial-format/xzq-gov-2021.json');
    const { format: _f, version: _v, org: _o, year: _y, ...parts } = doc;
    expect(comparableParts(doc)).toEqual(parts);
  });

  it('drops table 二 of a 2019 trial-format report and folds （六） into 3.其他', () => {
    const doc = fixture('trial-format/xzq-gov-2019.json');
    const rows = doc.applications?.rows;
    if (!rows) throw new Error('fixture without table 三');
    const withOverdue = {
      ...doc,
      proactive: { licensing: 9 },
      applications: {
        columns: doc.applications?.columns ?? [],
        rows: { ...rows, other_correction_overdue: [1, 0, 0, 0, 0, 0, 1] },
      },
    };
    const parts = comparableParts(withOverdue);
    expect(parts.proactive).toBeUndefined();
    expect(parts.applications?.rows.other_correction_overdue).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(parts.applications?.rows.other[0]).toBe((rows.other[0] ?? 0) + 1);
    expect(parts.applications?.rows.total).toEqual(rows.total);
  });
});

describe('the figures of other systems', () => {
  it.each([
    [{ licensing: '3', penalty: '0', enforcement: '0', fees_10k_yuan: '1.25' }, null],
    [{ licensing: '', penalty: '0', enforcement: '0', fees_10k_yuan: '0' }, 'licensing'],
    [{ licensing: '1.5', penalty: '0', enforcement: '0', fees_10k_yuan: '0' }, 'licensing'],
    [{ licensing: '1', penalty: '-2', enforcement: '0', fees_10k_yuan: '0' }, 'penalty'],
    [{ licensing: '1', penalty: '0', enforcement: 'x', fees_10k_yuan: '0' }, 'enforcement'],
  ])('form %j is refused at %s', (form, field) => {
    const result = manualFiguresSchema.safeParse(form);
    expect(result.success ? null : String(result.error.issues[0]?.path[0])).toBe(field);
  });

  it('names the JSON path of a broken part of a published report', () => {
    expect(
      publishedPartProblems('annual_figures[0]', { year: 2022, fees: { notices: -1 } }),
    ).toEqual({
      'annual_figures[0].fees.notices': '不能为负数',
      'annual_figures[0].fees.notice_amount_yuan': expect.any(String),
      'annual_figures[0].fees.collected_yuan': expect.any(String),
    });
  });
});
