import crypto from 'node:crypto';

/**
 * 国密 primitives from Node's OpenSSL: SM3 hashing and SM4 field encryption. Field ciphertext is
 * `v1:` + base64(iv | SM4-CBC ciphertext | HMAC-SM3 tag) — encrypt-then-MAC, so a tampered value
 * is refused instead of decrypting to garbage.
 */
export function sm3Hex(data: string | Buffer): string {
  return crypto.createHash('sm3').update(data).digest('hex');
}

/** Keyed SM3 (HMAC-SM3), e.g. for finding an ID number without storing it in clear. */
export function hmacSm3Hex(key: Buffer, data: string): string {
  return crypto.createHmac('sm3', key).update(data).digest('hex');
}

export interface FieldKeys {
  enc: Buffer;
  mac: Buffer;
}

/** Derives the encryption and MAC keys from the 128-bit DATA_KEY (hex). */
export function fieldKeys(dataKeyHex: string): FieldKeys {
  const master = Buffer.from(dataKeyHex, 'hex');
  if (master.length !== 16) throw new Error('DATA_KEY must be 16 bytes (32 hex characters)');
  const derive = (label: string) =>
    crypto.createHmac('sm3', master).update(label).digest().subarray(0, 16);
  return {
    enc: derive('gongkai-field-enc'),
    mac: crypto.createHmac('sm3', master).update('gongkai-field-mac').digest(),
  };
}

/** Encrypts a personal-data field for storage at rest (SM4-CBC + HMAC-SM3). */
export function encryptField(keys: FieldKeys, plain: string): string {
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv('sm4-cbc', keys.enc, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = crypto.createHmac('sm3', keys.mac).update(iv).update(body).digest();
  return `v1:${Buffer.concat([iv, body, tag]).toString('base64')}`;
}

/** Decrypts a value made by encryptField; throws if it was altered or the key is wrong. */
export function decryptField(keys: FieldKeys, stored: string): string {
  if (!stored.startsWith('v1:')) throw new Error('unknown field ciphertext version');
  const raw = Buffer.from(stored.slice(3), 'base64');
  if (raw.length < 16 + 16 + 32) throw new Error('field ciphertext too short');
  const iv = raw.subarray(0, 16);
  const body = raw.subarray(16, raw.length - 32);
  const tag = raw.subarray(raw.length - 32);
  const expected = crypto.createHmac('sm3', keys.mac).update(iv).update(body).digest();
  if (!crypto.timingSafeEqual(tag, expected))
    throw new Error('field ciphertext failed its integrity check');
  const decipher = crypto.createDecipheriv('sm4-cbc', keys.enc, iv);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

/** A URL-safe random token of `bytes` random bytes. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** SHA-256 hex, for storing session and one-time tokens by digest. */
export function sha256Hex(data: string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}
