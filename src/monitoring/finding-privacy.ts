import { hmacSm3Hex } from '../platform/crypto/sm.js';
import { maskIdNumber, maskPhone } from '../requests/applications.privacy.js';
import { whitelistKey, type Finding } from './findings.model.js';

/**
 * Personal data found by the content checks (REGULATIONS.md §7.5) is never stored or logged in
 * clear. Where a finding's text is used for matching (clearances, whitelist, the identity of a
 * rescan finding) a keyed digest stands for it; where it is shown, a masked form
 * (`1101**********002X`, `138****5678`, `6222 **** **** 1234`). The key is the field MAC key
 * derived from DATA_KEY (`ctx.fieldKeys.mac`), as for applicants' hashes, so a digest means
 * nothing without it. Other categories (secrecy markers, expressions, typos) stay in clear.
 */

/** Prefix of a keyed digest: `hmac:` + 64 hex characters of HMAC-SM3. */
export const DIGEST_PREFIX = 'hmac:';
const DIGEST_LENGTH = DIGEST_PREFIX.length + 64;

/**
 * The keyed digest of a finding text under a rule. The text is normalised as whitelist entries
 * are (half-width, no spaces or hyphens), so `138 1234 5678` and `13812345678` are one number.
 */
export function findingDigest(key: Buffer, rule: string, text: string): string {
  return `${DIGEST_PREFIX}${hmacSm3Hex(key, `content-finding:${rule}\u0000${whitelistKey(text)}`)}`;
}

/** `6222021234567890123` → `6222 **** **** *** 0123`: the first and last four digits remain. */
export function maskBankCard(card: string): string {
  const d = whitelistKey(card);
  if (d.length <= 8) return `${d.slice(0, 1)}${'*'.repeat(Math.max(d.length - 1, 1))}`;
  const middle = '*'.repeat(d.length - 8).replace(/(.{4})(?=.)/g, '$1 ');
  return `${d.slice(0, 4)} ${middle} ${d.slice(-4)}`;
}

/** A number of unknown kind: masked by its length (mobile, ID number, card), else ends only. */
function maskNumber(text: string): string {
  const d = whitelistKey(text);
  if (d.length === 11) return maskPhone(d) ?? d;
  if (d.length === 15 || d.length === 18) return maskIdNumber(d) ?? d;
  if (d.length >= 16) return maskBankCard(d);
  return `${d.slice(0, 2)}${'*'.repeat(Math.max(d.length - 4, 1))}${d.slice(-2)}`;
}

/** The masked display form of a personal-data finding text, by rule. Idempotent. */
export function maskFindingText(rule: string, text: string): string {
  if (rule === 'id_card' || rule === 'id_card_15') return maskIdNumber(whitelistKey(text)) ?? '';
  if (rule === 'mobile') return maskPhone(whitelistKey(text)) ?? '';
  if (rule === 'bank_card') return maskBankCard(text);
  return maskNumber(text);
}

// Seven or more digits (an ID number may end in X), spaces or hyphens allowed between them.
const DIGIT_RUN = /[0-9０-９](?:[ \-－]?[0-9０-９Xx]){6,}/g;

/**
 * A reviewer context with every long number masked: the matched one and any neighbour (two ID
 * numbers within 20 characters), including a number cut at the context's edge.
 */
export function maskDigitRuns(s: string): string {
  return s.replace(DIGIT_RUN, (run) => maskNumber(run));
}

/** A context with the matched span shown in its masked form and other long numbers masked. */
export function maskContext(context: string, rule: string, text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  const masked = flat ? context.split(flat).join(maskFindingText(rule, text)) : context;
  return maskDigitRuns(masked);
}

/** A personal-data finding with its text and context masked; other findings unchanged. */
export function maskFinding<T extends Finding>(f: T): T {
  if (f.category !== 'personal_data') return f;
  return {
    ...f,
    text: maskFindingText(f.rule, f.text),
    context: maskContext(f.context, f.rule, f.text),
  };
}

/**
 * The value that identifies a finding's text for matching: the keyed digest for personal data
 * (when a key is given), the text itself for other categories.
 */
export function matchKeyOf(f: Pick<Finding, 'category' | 'rule' | 'text'>, key?: Buffer): string {
  return f.category === 'personal_data' && key ? findingDigest(key, f.rule, f.text) : f.text;
}

/**
 * The stored form of a personal-data text in `item_check_clearances.text` and
 * `content_whitelist.text`: `hmac:<digest>|<masked>` — the digest to match, the masked form to
 * show. Deterministic, so the whitelist's uniqueness per org/text/rule still holds.
 */
export function sealedText(digest: string, masked: string): string {
  return `${digest}|${masked}`;
}

/** The digest of a stored text, or null when it is stored in clear (not personal data). */
export function digestOf(stored: string): string | null {
  return stored.startsWith(DIGEST_PREFIX) && /^hmac:[0-9a-f]{64}(\||$)/.test(stored)
    ? stored.slice(0, DIGEST_LENGTH)
    : null;
}

/** What staff see of a stored text: the masked form of a sealed text, else the text. */
export function displayOf(stored: string): string {
  return digestOf(stored) ? stored.slice(DIGEST_LENGTH + 1) || '（个人信息，已加密存储）' : stored;
}

/**
 * Whether a stored clearance or whitelist text stands for this finding: a sealed text by its
 * digest (personal data only, with the key); a clear text by equality, except for personal data
 * when a key is given (personal data is matched by digest only).
 */
export function storedMatches(
  stored: string,
  f: Pick<Finding, 'category' | 'rule' | 'text'>,
  key?: Buffer,
): boolean {
  const digest = digestOf(stored);
  if (digest) return f.category === 'personal_data' && !!key && matchKeyOf(f, key) === digest;
  return !(f.category === 'personal_data' && key) && stored === f.text;
}

/** Audit fields of a finding text: the masked form and the digest, never the clear value. */
export function auditText(stored: string): { text: string; digest?: string } {
  const digest = digestOf(stored);
  return digest ? { text: displayOf(stored), digest } : { text: stored };
}
