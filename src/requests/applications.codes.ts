import crypto from 'node:crypto';
import { hmacSm3Hex, type FieldKeys } from '../platform/crypto/sm.js';

/**
 * 受理编号 and 查询码 of applications. Both are random (crypto.randomInt), never sequential, so
 * neither can be guessed from another; the alphabet leaves out 0/O, 1/I/L so that they can be
 * read out on the phone and typed from paper.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function randomChars(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return out;
}

/** A new 受理编号: `YSQ` + the year + 8 random characters, e.g. `YSQ2026-7K3M9QXT` (31⁸ ≈ 8.5×10¹¹). */
export function newApplicationRef(year: string): string {
  return `YSQ${year}-${randomChars(8)}`;
}

/** A new 查询码: 8 random characters in two groups, e.g. `K7QM-3XTP`. */
export function newQueryCode(): string {
  const c = randomChars(8);
  return `${c.slice(0, 4)}-${c.slice(4)}`;
}

/**
 * The 查询码 of an online submission, derived from its submission token with a server key, so a
 * double submit (same token) is answered with the same code without storing the code in clear.
 */
export function queryCodeForToken(keys: FieldKeys, token: string): string {
  const digest = crypto.createHmac('sm3', keys.mac).update(`query-code:${token}`).digest();
  let c = '';
  for (let i = 0; i < 8; i++) c += CODE_ALPHABET[(digest[i] ?? 0) % CODE_ALPHABET.length];
  return `${c.slice(0, 4)}-${c.slice(4)}`;
}

/** Normalises what an applicant typed: upper case, no spaces, the dash optional. */
export function normaliseQueryCode(raw: string): string {
  const c = raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return c.length === 8 ? `${c.slice(0, 4)}-${c.slice(4)}` : c;
}

/** Normalises a typed 受理编号 (upper case, no spaces). */
export function normaliseRef(raw: string): string {
  return raw.toUpperCase().replace(/\s+/g, '');
}

/** The stored form of a 查询码: keyed SM3, never the code itself. */
export function hashQueryCode(keys: FieldKeys, code: string): string {
  return hmacSm3Hex(keys.mac, `query-code-hash:${normaliseQueryCode(code)}`);
}

/** Compares two hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
