import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { computeScore } from './scores.model.js';
import { selfInspectionDocx } from './self-inspection.docx.js';
import { selfInspectionSections, type SelfInspectionData } from './self-inspection.model.js';

const data = (over: Partial<SelfInspectionData> = {}): SelfInspectionData => ({
  org: { code: 'x', name: '示范区管委会' },
  period: { from: '2026-01-01', to: '2026-06-30' },
  producedOn: '2026-07-05',
  basics: {
    columns: 12,
    published: 40,
    latePublished: 2,
    applicationsDue: 5,
    overdueApplications: 1,
  },
  problems: [{ kind: 'broken_link', count: 3, veto: 0, examples: ['首页链接失效'] }],
  rectification: { total: 4, closed: 2, open: 1, fixed: 0, overdue: 1, ignored: 1 },
  spotChecks: [
    {
      title: '上半年抽查',
      from: '2026-01-01',
      to: '2026-06-30',
      sampled: 10,
      checked: 10,
      passed: 9,
      done: true,
    },
  ],
  score: computeScore({
    findings: [{ kind: 'broken_link', severity: 'major' }],
    published: 40,
    latePublished: 2,
    overdueApplications: 1,
    spotChecked: 10,
    spotFailed: 1,
    overdueTasks: 1,
  }),
  ...over,
});

describe('自查报告 renderer', () => {
  it('has the six sections in order with the figures', () => {
    const s = selfInspectionSections(data());
    expect(s.map((x) => x.heading)).toEqual([
      '一、基本情况',
      '二、检查发现的问题',
      '三、整改情况',
      '四、抽查情况',
      '五、考核得分',
      '六、下一步工作',
    ]);
    expect(s[0]?.paragraphs[0]).toContain('主动公开政府信息40条，其中超过20个工作日公开的2条');
    expect(s[1]?.table?.rows[0]).toEqual(['链接不可用', '3', '0', '首页链接失效']);
    expect(s[2]?.paragraphs[0]).toContain('已整改关闭2个');
    expect(s[2]?.paragraphs[0]).toContain('整改完成率66.7%');
    expect(s[3]?.paragraphs[0]).toContain('合格率90%');
    expect(s[4]?.paragraphs[0]).toContain('考核结果：合格');
    expect(s[5]?.paragraphs.some((p) => p.includes('逾期未整改的 1 项'))).toBe(true);
  });

  it('says so when nothing was found and no spot check was made', () => {
    const s = selfInspectionSections(
      data({
        problems: [],
        spotChecks: [],
        rectification: { total: 0, closed: 0, open: 0, fixed: 0, overdue: 0, ignored: 0 },
      }),
    );
    expect(s[1]?.paragraphs[0]).toBe('自查期间监测未发现问题。');
    expect(s[1]?.table).toBeUndefined();
    expect(s[3]?.paragraphs[0]).toBe('自查期间未组织抽查。');
  });

  it('writes a GB/T 9704 style DOCX (A4, 仿宋_GB2312, title, sections)', async () => {
    const zip = await JSZip.loadAsync(await selfInspectionDocx(data()));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('示范区管委会政务公开工作自查报告');
    expect(xml).toContain('仿宋_GB2312');
    expect(xml).toContain('方正小标宋简体');
    expect(xml).toMatch(/w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('四、抽查情况');
  });
});
