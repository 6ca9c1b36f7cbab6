import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { bombEntry, entry, zip } from '../../test/security/zip.js';
import { extractAttachmentText } from '../search/search.extract.js';
import { checkZip } from './zip-guard.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('zip-bomb guard for DOCX/XLSX', () => {
  it('accepts a real DOCX and reports its declared size', async () => {
    const doc = new Document({
      sections: [{ children: [new Paragraph('关于印发实施方案的通知')] }],
    });
    const buf = await Packer.toBuffer(doc);
    const v = checkZip(buf);
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.entries).toBeGreaterThan(3);
    expect(await extractAttachmentText(DOCX, buf)).toContain('实施方案');
  });

  it.each([
    [
      'a 256 MB entry of spaces (compression about 1000:1)',
      256 * 1024 * 1024,
      /compressed|declares/,
    ],
  ])('refuses %s before inflating it', async (_name, size, reason) => {
    const bomb = zip([
      entry('[Content_Types].xml', '<Types/>'),
      await bombEntry('word/document.xml', size),
    ]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const v = checkZip(bomb);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toMatch(reason);
    await expect(extractAttachmentText(DOCX, bomb)).rejects.toThrow(/refused to extract/);
  });

  it('refuses archives that declare too many bytes in total, even at modest ratios', () => {
    const many = zip(
      Array.from({ length: 3 }, (_, i) => ({ ...entry(`e${i}`, 'x'), size: 100 * 1024 * 1024 })),
    );
    const v = checkZip(many);
    expect(v.ok).toBe(false);
  });

  it('refuses what is not a zip archive', () => {
    expect(checkZip(Buffer.from('not a zip at all, just text')).ok).toBe(false);
    expect(checkZip(Buffer.alloc(0)).ok).toBe(false);
  });
});
