import { describe, expect, it } from 'vitest';
import { chineseNumeralDate, letterDate } from './letters.dates.js';
import { aFullLetterContext } from './letters.fixtures.js';
import {
  CASE_ACTIONS,
  CASE_ACTION_INFO,
  LETTER_KINDS,
  LETTER_KIND_INFO,
  defaultReplyKind,
  isReplyKind,
  replyKindsFor,
} from './letters.model.js';
import {
  applyLetterEdit,
  escapeHtml,
  letterEditText,
  letterNumber,
  renderLetter,
} from './letters.render.js';
import { LetterError, resolveTemplate } from './letters.templates.js';
import { OUTCOME_CODES } from './requests.model.js';

const render = (kind: (typeof LETTER_KINDS)[number], ctx = aFullLetterContext()) =>
  renderLetter(kind, resolveTemplate([], kind), ctx);

describe('every letter kind renders from a fully filled case', () => {
  it.each(LETTER_KINDS)('%s', (kind) => {
    const letter = render(kind);
    const all = [letter.title, letter.salutation, ...letter.paragraphs].join('\n');
    expect(all).not.toMatch(/\{\{|\}\}/);
    expect(letter.title).toMatch(/书|回执|函/);
    expect(letter.number).toBe('瓯政办信公〔2026〕第K7M2Q9号');
    expect(letter.signature).toEqual({
      org: '温州市瓯海区人民政府办公室',
      date: '二〇二六年十一月二十八日',
    });
    expect(letter.paragraphs.length).toBeGreaterThan(1);
    if (isReplyKind(kind)) {
      expect(letter.appendix?.heading).toBe('附：救济途径');
      expect(letter.appendix?.paragraphs.join('')).toBe(
        '对本答复不服，可以自收到本答复之日起六十日内向温州市瓯海区人民政府申请行政复议，或者自收到本答复之日起六个月内向温州市鹿城区人民法院提起行政诉讼。',
      );
    }
  });

  it.each(OUTCOME_CODES)('outcome %s has a reply letter that concludes with it', (outcome) => {
    expect(replyKindsFor(outcome).length).toBeGreaterThan(0);
    expect(LETTER_KIND_INFO[defaultReplyKind(outcome)].outcome).toBe(outcome);
  });

  it('offers the two replies of 条例第三十六条 for 予以公开 and for 无法提供·不掌握', () => {
    expect(replyKindsFor('open')).toEqual(['reply_open_published', 'reply_open_provided']);
    expect(replyKindsFor('unable_not_held')).toEqual([
      'reply_unable_not_exist',
      'reply_unable_other_agency',
    ]);
  });

  it.each(CASE_ACTIONS.filter((a) => CASE_ACTION_INFO[a].letter !== null))(
    'action %s makes a letter that renders',
    (action) => {
      const kind = CASE_ACTION_INFO[action].letter;
      if (kind === null) throw new Error('filtered');
      expect(render(kind).paragraphs.length).toBeGreaterThan(0);
    },
  );
});

describe('what the letters say', () => {
  it('addresses consultation letters to the party consulted and hides the applicant', () => {
    const letter = render('consultation_third_party');
    expect(letter.salutation).toBe('温州某某建设有限公司：');
    expect(letter.text).toContain('15个工作日内');
    expect(letter.text).not.toContain('张三');
  });

  it('cites the legal basis the case worker gives, else the kind default', () => {
    expect(render('reply_withheld_state_secret').text).toContain(
      '根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定',
    );
    const own = aFullLetterContext({ legal_basis: '《中华人民共和国保守国家秘密法》第二条' });
    expect(render('reply_withheld_state_secret', own).text).toContain(
      '根据《中华人民共和国保守国家秘密法》第二条的规定',
    );
  });

  it('states the fee basis, standard, amount, method and the 20-working-day deadline', () => {
    const text = render('fee_notice').text;
    for (const s of [
      '收费依据',
      '收费标准',
      '第12件',
      '100元',
      '缴纳方式',
      '次日起20个工作日内',
      '视为放弃申请',
    ])
      expect(text).toContain(s);
    const pages = aFullLetterContext({
      fee: { amount_yuan: 1700, basis: 'per_page', pages: 150, payment_method: '现场缴纳。' },
    });
    expect(render('fee_notice', pages).text).toContain(
      '共计150页，其中30页以内部分不收费，计费部分为70页×10元/页＋50页×20元/页',
    );
  });

  it('leaves out the responsible agency of 36(五) when it is not known', () => {
    const ctx = aFullLetterContext({ reply: {} });
    const text = render('reply_unable_other_agency', ctx).text;
    expect(text).toContain('不属于本机关负责公开');
    expect(text).not.toContain('经核实');
  });

  it('gives one full stop where a typed value ends in one, and adds it where missing', () => {
    const ctx = aFullLetterContext({ reason: '理由一' });
    expect(render('reply_other', ctx).paragraphs).toContain('理由一。');
    const dup = aFullLetterContext({ reason: '理由二。' });
    expect(render('reply_other', dup).paragraphs).toContain('理由二。');
  });
});

describe('missing values', () => {
  it.each([
    ['correction_request', { correction: null }, ['correction.points', 'correction_due_on']],
    [
      'extension',
      { extension: null, reply_due_on: null },
      ['extension.reason', 'extension.working_days', 'reply_due_on'],
    ],
    ['reply_withheld_process_info', { reason: '  ' }, ['reason']],
    [
      'consultation_other_agency',
      { consultation: null },
      ['consultation.party_name', 'consultation.content'],
    ],
    [
      'fee_notice',
      { fee: { amount_yuan: 100, basis: 'per_application', payment_method: 'x' } },
      ['fee.calculation'],
    ],
  ] as const)('%s without its data names the placeholders', (kind, overrides, names) => {
    try {
      render(kind, aFullLetterContext(overrides));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LetterError);
      expect((e as LetterError).code).toBe('ERR_LETTER_PLACEHOLDER');
      expect([...(e as LetterError).placeholders].sort()).toEqual([...names].sort());
    }
  });
});

describe('HTML', () => {
  it('keeps applicant-provided markup as text', () => {
    const ctx = aFullLetterContext({
      description: '<script>alert("x")</script>',
      applicant: { name: '李四 <b>&</b>' },
    });
    const { html } = render('acknowledgement', ctx);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('李四 &lt;b&gt;&amp;&lt;/b&gt;：');
  });

  it('lays out title, number, salutation, body, 落款 and appendix in order', () => {
    const { html } = render('reply_open_published');
    const order = [
      'letter-title',
      'letter-number',
      'letter-salutation',
      'letter-body',
      'letter-signature',
      'letter-appendix',
    ];
    const positions = order.map((c) => html.indexOf(`class="${c}`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html.startsWith('<article class="letter" lang="zh-CN">')).toBe(true);
  });

  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});

describe('dates and numbers', () => {
  it.each([
    ['2026-11-28', '二〇二六年十一月二十八日'],
    ['2025-01-01', '二〇二五年一月一日'],
    ['2030-10-10', '二〇三〇年十月十日'],
    ['2026-12-31', '二〇二六年十二月三十一日'],
    ['2026-02-20', '二〇二六年二月二十日'],
  ])('signs %s as %s', (iso, chinese) => {
    expect(chineseNumeralDate(iso)).toBe(chinese);
  });

  it('writes body dates as 2026年3月5日', () => {
    expect(letterDate('2026-03-05')).toBe('2026年3月5日');
    expect(render('acknowledgement').text).toContain('答复期限为2026年12月1日');
  });

  it.each(['2026-13-01', '2026-1-1', 'tomorrow'])('refuses %s', (d) => {
    expect(() => chineseNumeralDate(d)).toThrow(RangeError);
  });

  it('numbers letters 〔year of the letter〕第ref号 with an optional prefix', () => {
    expect(letterNumber('A7', '2027-01-04')).toBe('〔2027〕第A7号');
    expect(letterNumber('A7', '2027-01-04', '瓯信公')).toBe('瓯信公〔2027〕第A7号');
  });
});

describe('editing before sending', () => {
  it('round-trips the editable text and applies changes as escaped plain text', () => {
    const letter = render('reply_open_provided');
    const text = letterEditText(letter);
    expect(applyLetterEdit(letter, { title: letter.title, body: text }).html).toBe(letter.html);
    const edited = applyLetterEdit(letter, {
      title: '答复书',
      body: `${text.replace('提供方式', '提供方式<i>')}\n\n{{ref}}`,
    });
    expect(edited.title).toBe('答复书');
    expect(edited.html).toContain('提供方式&lt;i&gt;');
    expect(edited.appendix?.paragraphs.at(-1)).toBe('{{ref}}');
    expect(edited.signature).toEqual(letter.signature);
  });

  it('drops the appendix when the case worker removes the 附 line', () => {
    const letter = render('reply_open_provided');
    const edited = applyLetterEdit(letter, { title: '', body: letter.paragraphs.join('\n') });
    expect(edited.appendix).toBeNull();
    expect(edited.title).toBe(letter.title);
  });
});
