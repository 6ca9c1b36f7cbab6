import { describe, expect, it } from 'vitest';
import { cleanFilename, detectAttachmentType, zipHasOfdRoot } from './attachments.model.js';
import { sanitizeBody } from './sanitize.js';
import { bodyLines, diffSnapshots, lineDiff } from './versions.model.js';

describe('body sanitising', () => {
  it.each([
    ['<p>a</p><script>alert(1)</script>', '<p>a</p>'],
    ['<img src="/assets/x.png" onerror="alert(1)">', '<img src="/assets/x.png" />'],
    ['<img src="https://evil.example/x.png">', ''],
    ['<img src="/wzgxq/attachments/12">', '<img src="/wzgxq/attachments/12" />'],
    ['<a href="javascript:alert(1)">x</a>', 'x'],
    [
      '<a href="https://www.gov.cn/" onclick="x()" class="c">国务院</a>',
      '<a href="https://www.gov.cn/">国务院</a>',
    ],
    ['<a href="mailto:gk@example.gov.cn">信箱</a>', '<a href="mailto:gk@example.gov.cn">信箱</a>'],
    [
      '<p style="color:red" class="MsoNormal"><span style="font-family:仿宋">正文</span><o:p></o:p></p>',
      '<p>正文</p>',
    ],
    [
      '<h2 style="x">一、总则</h2><ol><li>第一条</li></ol>',
      '<h2>一、总则</h2><ol><li>第一条</li></ol>',
    ],
    [
      '<table><tr><td colspan="2" rowspan="3" width="5">合计</td></tr></table>',
      '<table><tr><td colspan="2" rowspan="3">合计</td></tr></table>',
    ],
    ['<b>重点</b><i>说明</i>', '<strong>重点</strong><em>说明</em>'],
    ['<iframe src="https://x"></iframe><style>p{}</style><p>留下</p>', '<p>留下</p>'],
    ['第一段\n\n第二段 a<x', '<p>第一段</p>\n<p>第二段 a&lt;x</p>'],
  ])('%s → %s', (input, output) => {
    expect(sanitizeBody(input)).toBe(output);
  });
  it('turns plain text from the textarea into paragraphs', () => {
    expect(sanitizeBody('第一段\n第一段续\n\n第二段 1<2 & 3>2')).toBe(
      '<p>第一段<br />第一段续</p>\n<p>第二段 1&lt;2 &amp; 3&gt;2</p>',
    );
  });
});

/** A minimal stored zip with the given entry names (no data). */
function zipWith(...names: string[]): Buffer {
  const parts = names.map((n) => {
    const name = Buffer.from(n);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(name.length, 26);
    return Buffer.concat([h, name]);
  });
  return Buffer.concat(parts);
}

describe('attachment types by content', () => {
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n');
  const exe = Buffer.concat([
    Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
    Buffer.alloc(120),
  ]);
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489',
    'hex',
  );
  it('accepts a PDF whatever its name', async () => {
    expect(await detectAttachmentType(pdf, 'txt')).toEqual({
      mediaType: 'application/pdf',
      ext: 'pdf',
    });
  });
  it('refuses an executable renamed .pdf', async () => {
    expect(await detectAttachmentType(exe, 'pdf')).toBeNull();
  });
  it('accepts images', async () => {
    expect((await detectAttachmentType(png, 'pdf'))?.ext).toBe('png');
  });
  it('recognises OFD as a zip holding OFD.xml, and refuses other zips', async () => {
    expect(zipHasOfdRoot(zipWith('OFD.xml', 'Doc_0/Document.xml'))).toBe(true);
    expect(zipHasOfdRoot(zipWith('readme.txt'))).toBe(false);
  });
  it.each([
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['C:\\Users\\a\\通知.exe', 'pdf', '通知.pdf'],
    ['"<script>".docx', 'docx', 'script.docx'],
    ['.hidden', 'pdf', '附件.pdf'],
    ['', 'png', '附件.png'],
  ])('cleans the name %s', (raw, ext, out) => {
    expect(cleanFilename(raw, ext)).toBe(out);
  });
});

describe('version comparison', () => {
  it('lists changed fields in display order', () => {
    const d = diffSnapshots(
      { title: 'a', doc_number: 'x', body_html: '<p>1</p>' },
      { title: 'b', doc_number: 'x', body_html: '<p>1</p>' },
    );
    expect(d).toEqual([{ field: 'title', label: '标题', before: 'a', after: 'b' }]);
  });
  it('diffs the body line by line', () => {
    const a = bodyLines('<p>一</p><p>二</p><p>三</p>');
    const b = bodyLines('<p>一</p><p>贰</p><p>三</p><p>四</p>');
    expect(lineDiff(a, b).map((l) => `${l.op}:${l.text}`)).toEqual([
      'same:<p>一</p>',
      'del:<p>二</p>',
      'add:<p>贰</p>',
      'same:<p>三</p>',
      'add:<p>四</p>',
    ]);
  });
});
