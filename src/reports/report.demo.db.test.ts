import { expect, it } from 'vitest';
import { describeEachDb } from '../platform/db/test-helper.js';
import { seedDemo } from '../demo/seed.js';
import { findOrgByCode } from '../orgs/orgs.repository.js';
import { seedDemoApplications } from '../requests/applications.demo.js';
import { generateDocument } from './reports.service.js';
import { validateReports } from './validate.model.js';

describeEachDb('the demo org’s 2022 report', (get) => {
  it('reproduces the seed report’s figures and follows its structure', async () => {
    const ctx = get();
    await seedDemo(ctx);
    await seedDemoApplications(ctx);
    const org = await findOrgByCode(ctx.db, 'wzgxq');
    if (!org) throw new Error('wzgxq missing');
    const doc = await generateDocument(ctx.db, org, 2022);
    expect(doc.channels).toMatchObject({ portal: 3686, platform: 372 });
    expect(
      Object.values(doc.applications.rows)
        .flat()
        .every((n) => n === 0),
    ).toBe(true);
    expect(
      Object.values(doc.appeals)
        .flat()
        .every((n) => n === 0),
    ).toBe(true);
    expect(doc.fees).toEqual({ notices: 0, notice_amount_yuan: 0, collected_yuan: 0 });
    const lines = doc.narrative.overview.split('\n');
    expect(lines.slice(1).map((l) => l.slice(0, 3))).toEqual([
      '（一）',
      '（二）',
      '（三）',
      '（四）',
      '（五）',
    ]);
    expect(
      lines[1]?.startsWith(
        '（一）主动公开方面。2022年，我委主动公开政府信息4058条，其中管委会门户网站公开3686条，市信息公开平台公开372条。',
      ),
    ).toBe(true);
    expect(lines[2]).toBe(
      '（二）依申请公开方面。2022年，我委共收到政府信息公开申请0件，无信息公开行政复议及行政诉讼发生。',
    );
    expect(doc.narrative.other).toBe(
      '本年度本机关未收取政府信息公开处理费，无其他需要报告的事项。',
    );
    expect(validateReports([doc]).filter((f) => f.code === 'NARRATIVE_MISMATCH')).toEqual([]);
  });
});
