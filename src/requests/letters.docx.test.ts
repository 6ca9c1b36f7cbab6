import mammoth from 'mammoth';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LETTER_MARGINS_TWIPS, letterDocx, makeLetter } from './letters.docx.js';
import { aFullLetterContext } from './letters.fixtures.js';
import { renderLetter } from './letters.render.js';
import { resolveTemplate } from './letters.templates.js';

/** Reads one entry of a zip archive (stored or deflated), via its central directory. */
function unzipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entryName = zip.toString('utf8', p + 46, p + 46 + nameLen);
    if (entryName === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${name} not in zip`);
}

async function partialReplyDocx(): Promise<{ buffer: Buffer; xml: string }> {
  const letter = renderLetter(
    'reply_partial',
    resolveTemplate([], 'reply_partial'),
    aFullLetterContext(),
  );
  const buffer = await letterDocx(letter);
  return { buffer, xml: unzipEntry(buffer, 'word/document.xml') };
}

describe('letterDocx (GB/T 9704-2012 basics)', () => {
  it('produces a zip whose text mammoth reads back: title, body, 落款 and 救济途径', async () => {
    const { buffer } = await partialReplyDocx();
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    const { value } = await mammoth.extractRawText({ buffer });
    expect(value).toContain('政府信息公开申请答复告知书');
    expect(value).toContain('瓯政办信公〔2026〕第K7M2Q9号');
    expect(value).toContain('张三：');
    expect(value).toContain('能够作区分处理');
    expect(value).toContain('二〇二六年十一月二十八日');
    expect(value).toContain('附：救济途径');
    expect(value).toContain('温州市鹿城区人民法院提起行政诉讼');
  });

  it('sets A4 and the margins 37/35/28/26 mm in twips', async () => {
    const { xml } = await partialReplyDocx();
    expect(LETTER_MARGINS_TWIPS).toEqual({ top: 2098, bottom: 1984, left: 1587, right: 1474 });
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
    const margin = /<w:pgMar [^>]*>/.exec(xml)?.[0] ?? '';
    expect(margin).toContain('w:top="2098"');
    expect(margin).toContain('w:bottom="1984"');
    expect(margin).toContain('w:left="1587"');
    expect(margin).toContain('w:right="1474"');
  });

  it('names the fonts and sizes: 方正小标宋简体 22 pt title, 仿宋_GB2312 16 pt body', async () => {
    const { xml } = await partialReplyDocx();
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('<w:sz w:val="44"/>');
    expect(xml).toContain('<w:sz w:val="32"/>');
  });

  it('uses a fixed 29 pt line, a two-character first-line indent and a right-aligned 落款', async () => {
    const { xml } = await partialReplyDocx();
    expect(xml).toMatch(/<w:spacing [^>]*w:line="580"[^>]*w:lineRule="exact"/);
    expect(xml).toMatch(/<w:ind [^>]*w:firstLineChars="200"/);
    const signature = xml.split('<w:p>').find((p) => p.includes('二〇二六年十一月二十八日')) ?? '';
    expect(signature).toContain('<w:jc w:val="right"/>');
  });

  it('lets an org name other fonts (e.g. 仿宋 where 仿宋_GB2312 is not installed)', async () => {
    const letter = renderLetter(
      'acknowledgement',
      resolveTemplate([], 'acknowledgement'),
      aFullLetterContext(),
    );
    const xml = unzipEntry(await letterDocx(letter, { body: '仿宋' }), 'word/document.xml');
    expect(xml).toContain('w:eastAsia="仿宋"');
    expect(xml).not.toContain('仿宋_GB2312');
  });
});

describe('makeLetter', () => {
  it("uses the org's template and returns the letter with its DOCX", async () => {
    const orgTemplates = [
      {
        id: 9,
        org_id: 3,
        kind: 'extension',
        version: 2,
        title: '延期通知',
        body: '{{extension.reason}}',
      },
    ];
    const made = await makeLetter({
      kind: 'extension',
      orgTemplates,
      context: aFullLetterContext(),
    });
    expect(made.template).toMatchObject({ source: 'org', version: 2, template_id: 9 });
    expect(made.letter.title).toBe('延期通知');
    const { value } = await mammoth.extractRawText({ buffer: made.docx });
    expect(value).toContain('申请公开的政府信息数量较多，需要逐件检索审核。');
  });
});
