import { describe, expect, it } from 'vitest';
import { aFullReport, seedReport, trialFormatReport } from './render.fixtures.js';
import { placeCells, reportGrids } from './render.layout.js';
import {
  feeSentence,
  formatFigure,
  mainFigures,
  narrativeParagraphs,
  partsText,
  reportPreamble,
  subHeadingLead,
} from './render.shared.js';

describe('render.shared', () => {
  it('formats figures without separators and never prints a missing one as 0', () => {
    expect(formatFigure(3686)).toBe('3686');
    expect(formatFigure(10.2)).toBe('10.2');
    expect(formatFigure(0.1 + 0.2)).toBe('0.3');
    expect(formatFigure(null)).toBe('（未填报）');
    expect(formatFigure(undefined)).toBe('（未填报）');
  });

  it('splits narratives at line breaks and at spaces after a sentence', () => {
    expect(narrativeParagraphs('甲。\n\n乙。 (二)丙 丁')).toEqual(['甲。', '乙。', '(二)丙 丁']);
    expect(narrativeParagraphs(seedReport().narrative?.overview)).toHaveLength(6);
    expect(narrativeParagraphs(undefined)).toEqual([]);
  });

  it('finds a sub-heading lead-in for 楷体', () => {
    expect(subHeadingLead('（一）主动公开方面。2022年…')).toBe('（一）主动公开方面。');
    expect(subHeadingLead('(三)政府信息管理方面。巩固…')).toBe('(三)政府信息管理方面。');
    expect(subHeadingLead('2022年，我委…')).toBeNull();
  });

  it('writes the preamble with the statistical period and the contacts', () => {
    const text = reportPreamble(
      { year: 2024 },
      {
        name: '示例局',
        contactOffice: '办公室',
        contactAddress: '人民路1号',
        contactPhone: '0577-1',
      },
    );
    expect(text).toContain('统计期限自2024年1月1日起至2024年12月31日止。');
    expect(text).toContain('如对本报告有疑问，请与办公室联系（地址：人民路1号；电话：0577-1）。');
    expect(reportPreamble({ year: 2024 }, { name: '示例局' })).not.toContain('如对本报告有疑问');
  });

  it('writes section 六’s fee sentence from the figures', () => {
    expect(partsText(feeSentence(aFullReport()))).toBe(
      '（一）收取信息处理费情况：依据《政府信息公开信息处理费管理办法》，本年度发出收费通知4件，通知总金额1300元，实际收取信息处理费900元。',
    );
    expect(partsText(feeSentence(trialFormatReport()))).toBe(
      '（一）收取信息处理费情况：（未填报）',
    );
  });

  it.each([
    ['本年度本机关未收取政府信息公开处理费，无其他需要报告的事项。', true],
    ['2022年实际收取信息处理费共计400元。', true],
    ['无其他需要报告的事项。', false],
    [undefined, false],
  ])(
    'leaves out its own fee sentence when section 六 already states the fees: %s',
    (other, says) => {
      const doc = aFullReport();
      const withText = { ...doc, narrative: { ...doc.narrative, other } } as typeof doc;
      expect(feeSentence(withText).length === 0).toBe(says);
    },
  );

  it('reads the main figures, null for missing parts', () => {
    expect(mainFigures(seedReport())).toMatchObject({
      proactive: 4058,
      newApplications: 0,
      lawsuits: 0,
    });
    expect(mainFigures(trialFormatReport())).toMatchObject({
      proactive: null,
      feesCollected: null,
    });
    expect(mainFigures(null).reviews).toBeNull();
  });
});

describe('render.layout', () => {
  it('places every grid cell inside its table without overlaps', () => {
    for (const grid of reportGrids(aFullReport())) {
      const seen = new Set<string>();
      for (const { row, col, cell } of placeCells(grid))
        for (let r = 0; r < cell.rowSpan; r++)
          for (let c = 0; c < cell.colSpan; c++) {
            const key = `${row + r}:${col + c}`;
            expect(seen.has(key), `${grid.number} ${key}`).toBe(false);
            expect(col + c).toBeLessThan(grid.columns);
            seen.add(key);
          }
      const rows = grid.groups.reduce((n, g) => n + g.rows.length, 0);
      expect(seen.size).toBe(rows * grid.columns);
    }
  });

  it('gives table 三 25 rows of 7 figures with their paths', () => {
    const [, three] = reportGrids(aFullReport());
    if (!three) throw new Error('no table 三');
    const values = placeCells(three).filter((p) => p.cell.role === 'value');
    expect(values).toHaveLength(25 * 7);
    expect(values[0]?.cell.path).toBe('applications.rows.new.0');
    expect(values.at(-1)?.cell.path).toBe('applications.rows.carried_out.6');
  });
});
