import crypto from 'node:crypto';
import { hash, verify, Algorithm } from '@node-rs/argon2';
import QRCode from 'qrcode';
import { generate, generateSecret, generateURI } from 'otplib';
import { sha256Hex } from '../platform/crypto/sm.js';

/**
 * Credential primitives of the accounts domain: argon2id password hashes, TOTP (RFC 6238) and
 * recovery codes. Pure apart from randomness; the clock is passed in.
 */

const ARGON2 = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** Checks a password against its argon2id hash (false for a malformed hash). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/** Spends the time of a real check, so an unknown username is not revealed by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random 16-character password without look-alike characters (shown to a person once). */
export function generatePassword(length = 16): string {
  let out = '';
  for (let i = 0; i < length; i++)
    out += PASSWORD_ALPHABET[crypto.randomInt(PASSWORD_ALPHABET.length)];
  return out;
}

/** A new base32 TOTP secret. */
export function newTotpSecret(): string {
  return generateSecret();
}

const epochOf = (now: Date) => Math.floor(now.getTime() / 1000);

/** The current TOTP code for a secret (tests and the enrolment check use it). */
export function totpCode(secret: string, now: Date): Promise<string> {
  return generate({ secret, epoch: epochOf(now) });
}

/**
 * The 30-second time step whose TOTP code of `secret` is `code`, allowing one step of clock drift
 * either way; null when it matches none. Callers refuse a step already used (replay, ASVS 2.8.4).
 */
export async function totpStep(secret: string, code: string, now: Date): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const step = Math.floor(epochOf(now) / 30);
  for (const s of [step, step - 1, step + 1]) {
    let expected: string;
    try {
      expected = await generate({ secret, epoch: s * 30 });
    } catch {
      return null;
    }
    if (crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(code))) return s;
  }
  return null;
}

/** True when `code` is the TOTP code of `secret` now, allowing one 30-second step of clock drift. */
export async function checkTotp(secret: string, code: string, now: Date): Promise<boolean> {
  return (await totpStep(secret, code, now)) !== null;
}

/** The QR code of an otpauth:// URI as a data: URL for an <img> (allowed by the CSP). */
export function totpQrDataUrl(secret: string, username: string): Promise<string> {
  const uri = generateURI({ issuer: 'Gongkai', label: username, secret });
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 220 });
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten recovery codes of the form `xxxxx-xxxxx`, shown to the user once. */
export function newRecoveryCodes(count = 10): string[] {
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    let raw = '';
    for (let j = 0; j < 10; j++)
      raw += RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)];
    codes.push(`${raw.slice(0, 5)}-${raw.slice(5)}`);
  }
  return codes;
}

/** Normalises a typed recovery code (case, spaces, dash) and returns its stored digest. */
export function recoveryCodeHash(code: string): string {
  const clean = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return sha256Hex(`recovery:${clean.slice(0, 5)}-${clean.slice(5)}`);
}
