/**
 * A redirect target from user input (`next=`, `back=`), limited to a path on this site: never an
 * open redirect (ASVS 5.1.5) and never a header Node refuses to send (a 500).
 */
export function sameSitePath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value === '') return fallback;
  // Browsers drop tabs and newlines inside URLs ("/\t/evil" becomes "//evil"), so refuse them.
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  // "//host" and "/\host" (a backslash reads as a slash) leave the site.
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  try {
    // A Location header carries ASCII only: percent-encode the rest (a Chinese query, say).
    return value.replace(/[^\x21-\x7e]+/g, (s) => encodeURIComponent(s));
  } catch {
    return fallback; // a lone surrogate cannot be encoded
  }
}
