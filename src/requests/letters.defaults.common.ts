/**
 * Paragraphs shared by the default letter templates (letters.defaults.*.ts). Templates are plain
 * text with {{placeholders}}; see letters.templates.ts for the syntax.
 */

/** The opening of a reply: receipt date, 受理编号 and the information asked for. */
export const OPENING =
  '本机关于{{received_on}}收到您提出的政府信息公开申请（受理编号：{{ref}}），申请获取“{{description}}”。';

/** Contact line, kept only when the org has a phone number. */
export const CONTACT =
  '{{?org.contact.phone}}如有疑问，请与本机关联系，联系电话：{{org.contact.phone}}。';

/** Title of every reply letter (条例第三十六条). */
export const REPLY_TITLE = '政府信息公开申请答复告知书';

/**
 * 救济途径 (条例第五十一条; 行政复议法 60 days, 行政诉讼法 6 months), printed after the 落款;
 * the bodies are configured per org.
 */
export const REMEDY = [
  '附：救济途径',
  '对本答复不服，可以自收到本答复之日起六十日内向{{review_body}}申请行政复议，或者自收到本答复之日起六个月内向{{court}}提起行政诉讼。',
];

/** A reply body: opening, "经审查，现答复如下：", the given paragraphs, contact, 救济途径. */
export function replyBody(...paragraphs: string[]): string {
  return [`${OPENING}经审查，现答复如下：`, ...paragraphs, CONTACT, '特此告知。', ...REMEDY].join(
    '\n',
  );
}

/** A 不予公开 reply (条例第三十六条第（三）项: 告知不予公开并说明理由). */
export function withheldBody(finding: string): string {
  return replyBody(
    `您申请获取的政府信息${finding}。根据{{legal_basis}}的规定，本机关决定不予公开。`,
    '不予公开的理由：{{reason}}',
  );
}
