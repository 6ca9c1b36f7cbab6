import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_SEVERITY } from './findings.model.js';
import { validateReports } from './validate.model.js';

type Doc = Record<string, unknown> & {
  year: number;
  applications: { rows: Record<string, number[]> };
  appeals: Record<string, number[]>;
  proactive: Record<string, { issued: number; abolished: number; in_force: number }>;
  narrative: { overview: string; problems: string; other: string };
  org?: { code: string; name: string; kind: string };
};

/** A fixture as a fresh, mutable JSON value. */
const fixture = (name: string): Doc =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Doc;

const codes = (docs: unknown[], options = {}) => validateReports(docs, options).map((f) => f.code);
const series = () => [2021, 2022, 2023].map((y) => fixture(`series/demo-dept-${y}.json`));

describe('validateReports on correct reports', () => {
  it('finds nothing wrong in the seed report (温州高新区 2022)', () => {
    expect(validateReports([fixture('wzgxq-2022.json')])).toEqual([]);
  });

  it('raises no false alarm over a correct three-year series', () => {
    expect(validateReports(series())).toEqual([]);
  });

  it('does not start S2_STOCK before the first 2021-format year (2019 trial format, REGULATIONS.md §2.7)', () => {
    const docs = [2019, 2020, 2021, 2022].map((y) => fixture(`trial-format/xzq-gov-${y}.json`));
    expect(validateReports(docs)).toEqual([]);
    // Even if 2020's table 二 were imported with the trial format's meanings, 2021 is not compared with it.
    const d2020 = docs[1] as Doc;
    d2020.proactive = { normative_documents: { issued: 30, abolished: 0, in_force: 900 } };
    expect(validateReports(docs)).toEqual([]);
  });

  it('starts S2_STOCK with the 2021-format year', () => {
    const docs = [2021, 2022].map((y) => fixture(`trial-format/xzq-gov-${y}.json`));
    const d2022 = docs[1] as Doc;
    d2022.proactive.normative_documents = { issued: 10, abolished: 5, in_force: 130 };
    d2022.narrative.overview = d2022.narrative.overview.replace('125件', '130件');
    expect(codes(docs)).toEqual(['S2_STOCK']);
  });

  it('treats a part a published report lacks as absent, but a complete report must have it', () => {
    const doc = fixture('wzgxq-2022.json');
    expect(codes([doc])).toEqual([]);
    expect(validateReports([doc], { requireAllParts: true }).map((f) => [f.code, f.path])).toEqual([
      ['SHAPE', 'proactive'],
    ]);
  });
});

describe('validateReports on typical errors of published reports', () => {
  it.each([
    [
      'errors/balance-broken.json',
      'S3_BALANCE',
      ['applications.rows.carried_out[0]', 'applications.rows.carried_out[6]'],
    ],
    [
      'errors/column-total-wrong.json',
      'S3_COLUMN_TOTAL',
      ['applications.rows.open[6]', 'applications.rows.partial[6]'],
    ],
    [
      'errors/outcome-total-wrong.json',
      'S3_OUTCOME_TOTAL',
      ['applications.rows.total[0]', 'applications.rows.total[6]'],
    ],
    ['errors/appeal-total-wrong.json', 'S4_TOTAL', ['appeals.review[4]']],
    ['errors/negative-count.json', 'SHAPE', ['applications.rows.rejected_duplicate[0]']],
    ['errors/non-integer-count.json', 'SHAPE', ['appeals.litigation_direct[0]']],
    ['errors/missing-row.json', 'SHAPE', ['applications.rows.carried_out']],
    ['errors/short-row.json', 'SHAPE', ['applications.rows.open']],
    ['errors/unknown-field.json', 'SHAPE', ['fees']],
    [
      'errors/carry-over-2022.json',
      'CARRY_OVER',
      ['applications.rows.carried_in[0]', 'applications.rows.carried_in[6]'],
    ],
  ])('%s gives %s only', (name, code, paths) => {
    const findings = validateReports([fixture('series/demo-dept-2021.json'), fixture(name)]);
    expect(findings.map((f) => f.code)).toEqual(paths.map(() => code));
    expect(findings.map((f) => f.path)).toEqual(paths);
    expect(
      findings.every(
        (f) => f.severity === 'error' && f.org === 'demo-dept' && f.year === 2022 && f.doc === 1,
      ),
    ).toBe(true);
  });

  it('names the official row and column in its messages', () => {
    const [first] = validateReports([fixture('errors/outcome-total-wrong.json')]);
    expect(first?.message).toBe('三、（七）总计 的 自然人 列为 15，但 21 个办理结果之和为 16');
  });

  it('still checks the well-formed parts of a document with a broken part', () => {
    const doc = fixture('errors/negative-count.json');
    doc.appeals.review = [1, 0, 0, 0, 2];
    expect(codes([doc])).toEqual(['SHAPE', 'S4_TOTAL']);
  });

  it('reports a document that is not an object, or lacks its header, as SHAPE', () => {
    expect(codes([[1, 2]])).toEqual(['SHAPE']);
    const doc = fixture('wzgxq-2022.json');
    delete doc.org;
    doc.format = 'something-else';
    const findings = validateReports([doc]);
    expect(findings.map((f) => [f.code, f.path, f.org])).toEqual([
      ['SHAPE', 'format', null],
      ['SHAPE', 'org', null],
    ]);
  });

  it('refuses the same org and year twice', () => {
    expect(
      codes([fixture('series/demo-dept-2022.json'), fixture('series/demo-dept-2022.json')]),
    ).toEqual(['SHAPE']);
  });
});

describe('validateReports warnings', () => {
  it('warns when last year’s pending appeals cannot be in this year’s figures (APPEAL_PENDING)', () => {
    const [y2021, y2022] = series() as [Doc, Doc];
    y2022.appeals.review = [0, 0, 0, 0, 0];
    y2022.narrative.overview = y2022.narrative.overview.replace(
      '上年未审结的1件行政复议已结案。',
      '',
    );
    expect(validateReports([y2021, y2022]).map((f) => [f.code, f.severity, f.path])).toEqual([
      ['APPEAL_PENDING', 'warning', 'appeals.review'],
    ]);
  });

  it('warns when the stock of normative documents does not add up (S2_STOCK)', () => {
    const [y2021, y2022] = series() as [Doc, Doc];
    y2022.proactive.normative_documents = { issued: 6, abolished: 2, in_force: 40 };
    y2022.narrative.overview = y2022.narrative.overview.replace('44件', '40件');
    const findings = validateReports([y2021, y2022]);
    expect(findings.map((f) => [f.code, f.severity, f.path])).toEqual([
      ['S2_STOCK', 'warning', 'proactive.normative_documents.in_force'],
    ]);
  });

  it('warns when the narrative states other numbers than the tables (NARRATIVE_MISMATCH)', () => {
    const doc = fixture('wzgxq-2022.json');
    doc.narrative.overview = doc.narrative.overview.replace(
      '门户网站公开3686条',
      '门户网站公开3680条',
    );
    const findings = validateReports([doc]);
    expect(findings.map((f) => [f.code, f.severity, f.path])).toEqual([
      ['NARRATIVE_MISMATCH', 'warning', 'narrative.overview'],
    ]);
    expect(findings[0]?.message).toContain('门户网站公开3680条');
  });

  it.each([
    ['zone', '2023-01-31', []],
    ['zone', '2023-02-01', ['LATE']],
    ['government', '2023-03-31', []],
    ['government', '2023-04-01', ['LATE']],
  ])('checks the deadline of a %s report published on %s (LATE)', (kind, publishedOn, expected) => {
    const doc = fixture('wzgxq-2022.json');
    doc.org = { ...(doc.org ?? { code: '', name: '' }), kind };
    expect(codes([doc], { publishedOn })).toEqual(expected);
  });

  it('skips LATE when the publication date is unknown, and uses per-document dates', () => {
    const docs = [fixture('wzgxq-2022.json'), fixture('series/demo-dept-2021.json')];
    expect(codes(docs)).toEqual([]);
    const findings = validateReports(docs, { publishedOn: new Map([[1, '2022-02-15']]) });
    expect(findings.map((f) => [f.code, f.doc, f.severity])).toEqual([['LATE', 1, 'warning']]);
  });
});

describe('finding codes', () => {
  it('are exactly those of EXCHANGE.md §2.2 with their severities', () => {
    expect(FINDING_SEVERITY).toEqual({
      SHAPE: 'error',
      S3_COLUMN_TOTAL: 'error',
      S3_OUTCOME_TOTAL: 'error',
      S3_BALANCE: 'error',
      S4_TOTAL: 'error',
      CARRY_OVER: 'error',
      S2_STOCK: 'warning',
      APPEAL_PENDING: 'warning',
      NARRATIVE_MISMATCH: 'warning',
      LATE: 'warning',
    });
  });
});
