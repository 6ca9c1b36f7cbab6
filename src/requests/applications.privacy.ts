import { decryptField, encryptField, hmacSm3Hex, type FieldKeys } from '../platform/crypto/sm.js';
import { applicantKey } from './volume.model.js';

/**
 * Personal data of applicants (条例第二十九条第（一）项): encrypted at rest with SM4, found again
 * through keyed SM3 hashes, and masked wherever it is not needed in full (REGULATIONS.md §7.5:
 * `3303**********1234`, `138****5678`, `张*` are the compliant masked forms).
 */

/** The personal fields stored encrypted, in their clear form. */
export interface PersonalFields {
  name: string;
  id_number: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
}

/** Encrypts a nullable field. */
export function seal(keys: FieldKeys, value: string | null): string | null {
  return value === null || value === '' ? null : encryptField(keys, value);
}

/** Decrypts a nullable field. */
export function unseal(keys: FieldKeys, value: string | null): string | null {
  return value === null ? null : decryptField(keys, value);
}

/**
 * Keyed hashes that find the same applicant without storing identifiers in clear
 * (条例第三十五条 counting): `id` from the normalised ID number, `contact` from name + phone.
 * The key is the field MAC key, so the hashes mean nothing without DATA_KEY.
 */
export function applicantHashes(
  keys: FieldKeys,
  a: { name: string; id_number: string | null; phone: string | null },
): { id: string | null; contact: string | null } {
  const idKey = a.id_number
    ? applicantKey({ name: a.name, id_number: a.id_number, phone: null })
    : null;
  const contactKey = applicantKey({ name: a.name, id_number: null, phone: a.phone });
  return {
    id: idKey ? hmacSm3Hex(keys.mac, `applicant:${idKey}`) : null,
    contact: contactKey ? hmacSm3Hex(keys.mac, `applicant:${contactKey}`) : null,
  };
}

/** `330302199001011234` → `3303**********1234`: the region prefix and the last four remain. */
export function maskIdNumber(id: string | null): string | null {
  if (!id) return id;
  if (id.length <= 8)
    return `${id.slice(0, 1)}${'*'.repeat(Math.max(id.length - 2, 1))}${id.slice(-1)}`;
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** `13812345678` → `138****5678`; other numbers keep their first three and last four digits. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const p = phone.trim();
  if (p.length <= 7) return `${p.slice(0, 1)}${'*'.repeat(Math.max(p.length - 1, 1))}`;
  return `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}`;
}

/** `张三丰` → `张**`; an organisation's name (not personal data) is kept. */
export function maskName(name: string, naturalPerson = true): string {
  if (!naturalPerson) return name;
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** `wang@example.com` → `w***@example.com`. */
export function maskEmail(email: string | null): string | null {
  if (!email) return email;
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** `浙江省温州市瓯海区某路1号` → `浙江省温州***`: the first six characters remain. */
export function maskAddress(address: string | null): string | null {
  if (!address) return address;
  const chars = [...address];
  return chars.length <= 6
    ? `${chars.slice(0, 2).join('')}***`
    : `${chars.slice(0, 6).join('')}***`;
}

/** Every personal field masked (lists, exports without the privacy permission). */
export function maskPersonal(p: PersonalFields, naturalPerson: boolean): PersonalFields {
  return {
    name: maskName(p.name, naturalPerson),
    id_number: naturalPerson ? maskIdNumber(p.id_number) : p.id_number,
    phone: maskPhone(p.phone),
    email: maskEmail(p.email),
    address: maskAddress(p.address),
    postcode: p.postcode,
  };
}
