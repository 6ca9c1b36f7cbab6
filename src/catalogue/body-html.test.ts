import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanBodyHtml, isOrderedMarker, looksLikeHtml } from './body-html.js';
import { sanitizeBody } from './sanitize.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/** Real-shaped clipboard HTML of Word 2016 and WPS Office 2019 (text/html flavour). */
const SAMPLES = [
  ['Word 2016: headings, mso-list levels, merged cells, VML image, link', 'word-notice'],
  ['WPS 2019: <font> runs, Chinese numbering, bullet list, data-URI image', 'wps-rules'],
] as const;

describe('Word/WPS paste: the client cleaner and the server sanitiser agree', () => {
  it.each(SAMPLES)('%s', (_label, name) => {
    const input = fixture(`${name}.html`);
    const expected = fixture(`${name}.expected.html`).trim();
    const client = cleanBodyHtml(input);
    expect(client).toBe(expected);
    expect(sanitizeBody(input)).toBe(expected);
    // The editor sends the cleaned HTML back on submit: saving it again changes nothing.
    expect(cleanBodyHtml(client)).toBe(client);
    expect(sanitizeBody(client)).toBe(client);
    expect(client).not.toMatch(/style=|class=|<span|<font|<o:p|mso-|data:/);
  });
});

describe('body structure cleaning', () => {
  it.each([
    // headings: the page title is the h1, so bodies use h2/h3 only
    [
      '<h1>甲</h1><h2>乙</h2><h4>丙</h4><h6>丁</h6>',
      '<h2>甲</h2><h2>乙</h2><h3>丙</h3><h3>丁</h3>',
    ],
    // Word list paragraphs without real lists: numbered, bullets, nesting, a new list id
    [
      '<p style="mso-list:l0 level1 lfo1"><![if !supportLists]>1.<![endif]>一</p>' +
        '<p style="mso-list:l0 level2 lfo1"><![if !supportLists]>a)<![endif]>一甲</p>' +
        '<p style="mso-list:l0 level2 lfo1"><![if !supportLists]>b)<![endif]>一乙</p>' +
        '<p style="mso-list:l0 level1 lfo1"><![if !supportLists]>2.<![endif]>二</p>' +
        '<p style="mso-list:l3 level1 lfo4"><![if !supportLists]>·<![endif]>另一列表</p>',
      '<ol><li>一<ol><li>一甲</li><li>一乙</li></ol></li><li>二</li></ol><ul><li>另一列表</li></ul>',
    ],
    // tables: header cells keep scope, spans stay numeric, cell paragraphs unwrap
    [
      '<table border=1><thead><tr><th scope=col style="x">项目</th><th colspan="abc">数</th></tr></thead>' +
        '<tbody><tr><td rowspan=2><p>甲</p></td><td colspan="1">1</td></tr></tbody></table>',
      '<table><thead><tr><th scope="col">项目</th><th>数</th></tr></thead><tbody><tr><td rowspan="2">甲</td><td>1</td></tr></tbody></table>',
    ],
    // what a contenteditable region produces
    [
      '<div>第一行</div><div><b>粗</b> <i>斜</i><br></div><div><br></div>',
      '<p>第一行</p><p><strong>粗</strong> <em>斜</em></p>',
    ],
    // links: http, https, mailto (and same-site, below); others unwrap to their text
    [
      '<p><a href=" https://www.gov.cn/ " target=_blank>国务院</a><a href="javascript:alert(1)">坏</a><a href="file:///C:/x.doc">本地</a></p>',
      '<p><a href="https://www.gov.cn/">国务院</a>坏本地</p>',
    ],
    // same-site paths and fragments stay; protocol-relative and backslash tricks unwrap
    [
      '<p><a href="/wzgxq/items/abc">解读</a><a href="#part2">第二部分</a><a href="//evil.example/">外</a><a href="/\\evil.example">斜</a></p>',
      '<p><a href="/wzgxq/items/abc">解读</a><a href="#part2">第二部分</a>外斜</p>',
    ],
    // images: same-site only, no data: or file: sources
    [
      '<p><img src="/wzgxq/attachments/3" alt="图解" width=5><img src="data:image/png;base64,AAAA"><img src="file:///C:/a.png">图</p>',
      '<p><img src="/wzgxq/attachments/3" alt="图解" />图</p>',
    ],
    // comments and conditional comments, including unterminated ones
    [
      '<p>留<!-- 注释 -->下</p><!--[if gte mso 9]><xml>x</xml><![endif]--><!-- 未闭合',
      '<p>留下</p>',
    ],
    // a quoted ">" inside an attribute does not end the tag
    ['<p title="a>b" onclick="x()">文</p>', '<p>文</p>'],
    // escaping survives: text that looks like markup stays text
    ['<p>1 &lt; 2 &amp;&amp; &lt;script&gt;</p>', '<p>1 &lt; 2 &amp;&amp; &lt;script&gt;</p>'],
    // line wraps of the source vanish between Chinese characters, become spaces otherwise
    ['<p>政务\r\n公开 open\ngovernment</p>', '<p>政务公开 open government</p>'],
  ])('%s → %s', (input, output) => {
    expect(cleanBodyHtml(input)).toBe(output);
    expect(sanitizeBody(input)).toBe(output);
    expect(cleanBodyHtml(output)).toBe(output);
  });

  it.each([
    ['1.', true],
    ['（一）', true],
    ['十二、', true],
    ['a)', true],
    ['iv.', true],
    ['①', true],
    ['·', false],
    ['l', false],
    ['§', false],
    ['Ø', false],
  ])('list marker %s is ordered: %s', (marker, ordered) => {
    expect(isOrderedMarker(marker)).toBe(ordered);
  });

  it('flattens hostile nesting instead of overflowing the stack', () => {
    const deep = `${'<span><div><blockquote>'.repeat(5000)}深${'</blockquote></div></span>'.repeat(5000)}`;
    const out = sanitizeBody(deep);
    expect(out).toContain('深');
    expect((out.match(/<blockquote>/g) ?? []).length).toBeLessThanOrEqual(64);
  });

  it('tells HTML from the textarea’s plain text', () => {
    expect(looksLikeHtml('<p>段</p>')).toBe(true);
    expect(looksLikeHtml('1<2 且 3>2')).toBe(false);
    expect(looksLikeHtml('<!-- <p> -->纯文本')).toBe(false);
  });
});
