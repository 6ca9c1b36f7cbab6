/**
 * Check-digit algorithms of Chinese identifiers (REGULATIONS.md §7.5). Pure functions; used to
 * validate input (applicants, organisations) and by the personal-data detectors.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
/** Province-level 地址码 prefixes (GB/T 2260), including 71 台湾, 81 香港, 82 澳门. */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** The GB 11643-1999 check character of the first 17 digits of a 居民身份证号. */
export function idCardCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[s % 11] ?? '?';
}

/** True when `ymd` (YYYYMMDD) is a real calendar date between 1900-01-01 and `today`. */
export function isPlausibleBirthDate(ymd: string, today: string): boolean {
  if (!/^\d{8}$/.test(ymd)) return false;
  const y = Number(ymd.slice(0, 4));
  const m = Number(ymd.slice(4, 6));
  const d = Number(ymd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return false;
  const iso = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
  return iso >= '1900-01-01' && iso <= today;
}

export type IdCardProblem = 'format' | 'region' | 'birth_date' | 'checksum';

/**
 * Validates an 18-character 居民身份证号 (GB 11643-1999): format, province code, birth date
 * (a real date, 1900 to `today`) and check character. Returns null when valid.
 */
export function idCardProblem(raw: string, today: string): IdCardProblem | null {
  const id = raw.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return 'region';
  if (!isPlausibleBirthDate(id.slice(6, 14), today)) return 'birth_date';
  if (idCardCheckChar(id.slice(0, 17)) !== id[17]) return 'checksum';
  return null;
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100-2015 check character of the first 17 characters of a 统一社会信用代码. */
export function usccCheckChar(first17: string): string | null {
  let s = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    s += v * (USCC_WEIGHTS[i] ?? 0);
  }
  const c = (31 - (s % 31)) % 31;
  return USCC_ALPHABET[c] ?? null;
}

/** True for a well-formed 统一社会信用代码 with a correct check character (GB 32100-2015). */
export function isValidUscc(raw: string): boolean {
  const code = raw.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

/** Luhn check (bank card numbers): valid when the digit sum mod 10 is 0. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}
