import { AppError } from '../../platform/errors.js';

/** Checks on the addresses a crawl starts from and the fragments it follows. */

/** The start URL is not an absolute http(s) address. */
export class InvalidStartUrlError extends AppError {
  constructor(url: string) {
    super(
      'ERR_LINKS_BAD_URL',
      400,
      `起始地址无效：${url}（须为以 http:// 或 https:// 开头的完整网址）`,
    );
  }
}

/** Parses the start URL or throws InvalidStartUrlError. */
export function parseStartUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidStartUrlError(url);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new InvalidStartUrlError(url);
  parsed.hash = '';
  return parsed;
}

/** A fragment worth checking: not empty, not "top", not a script route such as `#/a` or `#!x`. */
export function checkableFragment(fragment: string): string | null {
  if (fragment === '' || /^top$/i.test(fragment) || /^[!/]|[/=]/.test(fragment)) return null;
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
