import mammoth from 'mammoth';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { annualReportDocx, REPORT_FALLBACK_FONTS } from './render.docx.js';
import { aFullReport, seedReport, seriesReports, trialFormatReport } from './render.fixtures.js';
import { TABLE3_LABELS } from './render.table3.js';
import type { RenderableReport } from './render.shared.js';

/** Reads one entry of a zip archive (stored or deflated), via its central directory. */
function unzipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    if (zip.toString('utf8', p + 46, p + 46 + nameLen) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${name} not in zip`);
}

const org = (doc: RenderableReport) => ({ name: doc.org.name });
const build = async (doc: RenderableReport) => {
  const buffer = await annualReportDocx(doc, org(doc));
  return { buffer, xml: unzipEntry(buffer, 'word/document.xml') };
};

/** The `<w:tbl>` elements of the document, in order. */
const tablesOf = (xml: string) => [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);

describe('annualReportDocx (GB/T 9704-2012 layout)', () => {
  it('reads back with mammoth: title, headings, narrative and all 25 row labels of table 三', async () => {
    const { buffer } = await build(aFullReport());
    const { value } = await mammoth.extractRawText({ buffer });
    expect(value).toContain('示例市某某局2024年政府信息公开工作年度报告');
    expect(value).toContain('四、政府信息公开行政复议、行政诉讼情况');
    expect(value).toContain('（一）主动公开方面。门户网站公开3100条。');
    expect(value).toContain('本年度发出收费通知4件，通知总金额1300元，实际收取信息处理费900元。');
    for (const labels of Object.values(TABLE3_LABELS))
      for (const l of labels) if (l) expect(value).toContain(l);
    expect(value).toContain('本列数据的勾稽关系为');
    expect(value).toContain('复议后起诉');
  });

  it('sets A4 and the margins 37/35/28/26 mm (2098/1984/1587/1474 twips)', async () => {
    const { xml } = await build(seedReport());
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
    const margin = /<w:pgMar [^>]*>/.exec(xml)?.[0] ?? '';
    for (const m of ['w:top="2098"', 'w:bottom="1984"', 'w:left="1587"', 'w:right="1474"'])
      expect(margin).toContain(m);
  });

  it('names the fonts and sizes: title 22 pt, body 16 pt, 黑体 and 楷体_GB2312 headings, tables 10.5 pt', async () => {
    const { xml } = await build(aFullReport());
    for (const f of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312'])
      expect(xml).toContain(`w:eastAsia="${f}"`);
    for (const size of [44, 32, 21]) expect(xml).toContain(`<w:sz w:val="${size}"/>`);
    const heading = xml.split('<w:p>').find((p) => p.includes('一、总体情况')) ?? '';
    expect(heading).toContain('w:eastAsia="黑体"');
    const lead = xml.split('<w:r>').find((r) => r.includes('（一）主动公开方面。')) ?? '';
    expect(lead).toContain('w:eastAsia="楷体_GB2312"');
  });

  it('accepts fallback fonts', async () => {
    const doc = aFullReport();
    const buffer = await annualReportDocx(doc, org(doc), { fonts: REPORT_FALLBACK_FONTS });
    const xml = unzipEntry(buffer, 'word/document.xml');
    expect(xml).toContain('w:eastAsia="仿宋"');
    expect(xml).not.toContain('仿宋_GB2312');
  });

  it('writes the three tables with the national merges (gridSpan and vMerge)', async () => {
    const { xml } = await build(aFullReport());
    const [two, three, four] = tablesOf(xml);
    expect(tablesOf(xml)).toHaveLength(3);
    expect(two?.match(/<w:gridCol /g)).toHaveLength(4);
    expect(three?.match(/<w:gridCol /g)).toHaveLength(10);
    expect(four?.match(/<w:gridCol /g)).toHaveLength(15);
    expect(three?.match(/<w:tr>|<w:tr /g)).toHaveLength(28);
    expect(three).toContain('<w:gridSpan w:val="7"/>');
    expect(three).toContain('<w:gridSpan w:val="5"/>');
    expect(three?.match(/<w:vMerge w:val="restart"\/>/g)).toHaveLength(8);
    const widths = (tbl: string | undefined) =>
      [...(tbl ?? '').matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
        [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].reduce(
          (n, tc) => n + Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(tc[0])?.[1] ?? 1),
          0,
        ),
      );
    expect(new Set(widths(two))).toEqual(new Set([4]));
    expect(new Set(widths(three))).toEqual(new Set([10]));
    expect(new Set(widths(four))).toEqual(new Set([15]));
    expect(three?.match(/<w:vMerge w:val="continue"\/>/g)).toHaveLength(
      // corner 2, 自然人 1, 总计 1; 三、 21, （三） 7, （四） 2, （五） 4, （六） 2
      2 + 1 + 1 + 21 + 7 + 2 + 4 + 2,
    );
    expect(four).toContain('<w:gridSpan w:val="10"/>');
    expect(four).toContain('<w:vMerge w:val="restart"/>');
    expect(four?.match(/<w:tblHeader\/>/g)).toHaveLength(3);
  });

  it('puts "— N —" page numbers in the footer', async () => {
    const { buffer } = await build(seedReport());
    const footer = unzipEntry(buffer, 'word/footer1.xml');
    expect(footer).toContain('— ');
    expect(footer).toContain('PAGE');
  });

  it('prints （未填报） for a missing table 二 and missing fees, never zero', async () => {
    for (const doc of [seedReport(), trialFormatReport()]) {
      const { buffer, xml } = await build(doc);
      const { value } = await mammoth.extractRawText({ buffer });
      const section = value.slice(
        value.indexOf('二、主动公开政府信息情况'),
        value.indexOf('三、收到和处理'),
      );
      expect(section).toContain('（未填报）');
      expect(tablesOf(xml)).toHaveLength(2);
    }
    const { value } = await mammoth.extractRawText({
      buffer: (await build(trialFormatReport())).buffer,
    });
    expect(value).toContain('收取信息处理费情况：（未填报）');
  });

  it('renders each report of the three-year series', async () => {
    for (const doc of seriesReports()) {
      const { value } = await mammoth.extractRawText({ buffer: (await build(doc)).buffer });
      expect(value).toContain(`${doc.year}年政府信息公开工作年度报告`);
      expect(value).toContain('行政规范性文件');
    }
  });
});
