import type http from 'node:http';
import { get, networkReason, send, type Recorder } from './mixed-load.js';

/**
 * The submission task of the mixed benchmark (issue 8), as a browser makes it: the form
 * `/{org}/apply` (its CSRF cookie, `_csrf` field and one-time `submission_token`), the multipart
 * POST, which must answer 303 to `/{org}/apply/receipt` with the 受理编号 in `x-application-ref`,
 * and the receipt page, which must show that 受理编号. Every submission comes from its own client
 * address (X-Forwarded-For, trusted by the bench server as behind nginx) and applicant (its own
 * 身份证号码), so intake.guard.ts's per-address and per-applicant limits and the per-address
 * rate limit of the route do not trip.
 */

/** In the description of every application this benchmark submits (to count them apart). */
export const SUBMISSION_MARK = '（混合压测';

export const SUBMIT_KINDS = ['apply form', 'apply submit', 'apply receipt'] as const;

/** A valid 居民身份证号码, distinct for each `i` below 18,000,000 (birth dates 1950–1999). */
export function idNumber(i: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + (i % 18_000) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const s = `330302${birth}${String(Math.floor(i / 18_000) % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += Number(s[k]) * (w[k] as number);
  return s + '10X98765432'[sum % 11];
}

/** Client address of submission `i`: 10.128.0.0/9, apart from the requests benchmark's. */
export function addressOf(i: number): string {
  return `10.${128 + ((i >> 16) & 127)}.${(i >> 8) & 255}.${i & 255}`;
}

function multipart(form: Record<string, string>): { body: string; type: string } {
  const b = `----gkmixed${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(form).map(
    ([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  return { body: `${parts.join('')}--${b}--\r\n`, type: `multipart/form-data; boundary=${b}` };
}

/** Cookie header from `jar` updated by a response's Set-Cookie headers. */
function withCookies(jar: Map<string, string>, h: http.IncomingHttpHeaders): Map<string, string> {
  for (const c of h['set-cookie'] ?? []) {
    const [pair] = c.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (pair && eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
  }
  return jar;
}

const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** The error summary and field messages of a re-rendered form, for the report. */
export function errorText(body: string): string {
  const found = [...body.matchAll(/class="[^"]*error[^"]*"[^>]*>([^<]{1,200})</g)].map((m) =>
    (m[1] ?? '').trim(),
  );
  return found.filter(Boolean).join(' | ') || body.slice(0, 200);
}

/**
 * One submission by client `i` to `org`; records its three requests and returns the 受理编号
 * acknowledged by the 303 (null when the submission was not acknowledged).
 */
export async function submitOnce(
  agent: http.Agent,
  port: number,
  rec: Recorder,
  org: string,
  i: number,
): Promise<string | null> {
  const ip = addressOf(i);
  const form = await get(agent, port, rec, 'apply form', `/${org}/apply`, {
    'x-forwarded-for': ip,
  });
  if (!form || form.status !== 200) return null;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
  const token = /name="submission_token" value="([^"]+)"/.exec(form.body)?.[1];
  if (!csrf || !token) {
    rec.fail('apply submit', 'form without _csrf or submission_token', form.body);
    return null;
  }
  const jar = withCookies(new Map(), form.headers);
  const m = multipart({
    _csrf: csrf,
    submission_token: token,
    applicant_kind: 'person',
    name: `混合压测申请人${i}`,
    id_type: 'resident_id',
    id_number: idNumber(i),
    phone: `137${String(10_000_000 + (i % 90_000_000)).slice(-8)}`,
    email: `mixed${i}@example.cn`,
    address: '浙江省瓯江市鹿城区人民路1号',
    postcode: '325000',
    description: `瓯江市${2020 + (i % 6)}年度城乡居民医疗保险基金收支情况${SUBMISSION_MARK}${i}）`,
    delivery: i % 2 ? 'email' : 'paper',
  });
  const t = performance.now();
  let post;
  try {
    post = await send(agent, port, {
      method: 'POST',
      path: `/${org}/apply`,
      headers: {
        cookie: header(jar),
        'content-type': m.type,
        'content-length': String(Buffer.byteLength(m.body)),
        'x-forwarded-for': ip,
      },
      body: m.body,
    });
  } catch (err) {
    rec.answer('apply submit', performance.now() - t, networkReason(err), `/${org}/apply`);
    return null;
  }
  const ref = post.headers['x-application-ref'];
  const receiptPath = `/${org}/apply/receipt`;
  const ok =
    post.status === 303 && post.headers.location === receiptPath && typeof ref === 'string';
  rec.answer(
    'apply submit',
    post.ms,
    ok
      ? null
      : post.status === 303
        ? 'HTTP 303 without receipt or 受理编号'
        : `HTTP ${post.status}`,
    `/${org}/apply`,
    ok ? '' : errorText(post.body),
  );
  if (!ok || typeof ref !== 'string') return null;
  const receipt = await get(agent, port, rec, 'apply receipt', receiptPath, {
    cookie: header(withCookies(jar, post.headers)),
    'x-forwarded-for': ip,
  });
  if (receipt && receipt.status === 200 && !receipt.body.includes(ref))
    rec.error('apply receipt', 'receipt without its 受理编号', receipt.body);
  return ref;
}
