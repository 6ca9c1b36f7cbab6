import crypto from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/platform/context.js';
import { describeEachDb } from '../../src/platform/db/test-helper.js';
import { buildApp } from '../../src/platform/http/app.js';
import {
  cookieHeader,
  createTestOrg,
  createTestUser,
  csrfFrom,
  errorCode,
  signIn,
  storeCookies,
  type CookieJar,
} from '../factories.js';
import { docxBomb, xlsxBomb } from './zip.js';

/**
 * Hostile input (issue #8, OWASP ASVS V5, V12): property-based cases over every public form and
 * API endpoint — the application form, tracking lookup, search (page and JSON API), portal query
 * parameters, sign-in — plus a staff import endpoint and uploads: random, oversized and unknown
 * fields, XSS and SQL-injection strings, invalid UTF-8 in bodies and URLs, path traversal in file
 * names and zip bombs. Every case gets a 4xx with an error code (or a 2xx/3xx for a harmless
 * request), never a 500, and a rejected submission stores nothing.
 */

const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">x</a>',
  '{{constructor.constructor("alert(1)")()}}',
  '</textarea><script>alert(1)</script>',
];
const SQLI = [
  "' OR '1'='1",
  '1; DROP TABLE applications; --',
  "' UNION SELECT password_hash FROM users --",
  '1) OR (1=1',
  "'; SELECT pg_sleep(5); --",
  '%27%20OR%201=1',
  '\\x00',
];
const TRAVERSAL = [
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '/etc/passwd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '....//....//etc/passwd',
  'C:\\boot.ini',
  'a\u0000.pdf',
];
/** Strings no form expects: random text, control characters, huge values, attacks. */
const hostile: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) }),
  fc.constantFrom(...XSS, ...SQLI, ...TRAVERSAL),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => '测'.repeat(n)),
  fc.constantFrom('\uFEFF', '\uD800', 'a\uDFFFb', '\u202Egnp.exe', '😀'.repeat(300)),
);

/** Invalid UTF-8 byte sequences, raw and percent-encoded. */
const BAD_BYTES = [
  Buffer.from([0xff, 0xfe, 0xfd]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xe6, 0xb5]),
  Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
];
const badBytes = fc.constantFrom(...BAD_BYTES);
/** encodeURIComponent, a lone surrogate sent as its (invalid) CESU bytes %ED%A0%80. */
const safeEncode = (s: string) =>
  [...s].map((c) => (/[\uD800-\uDFFF]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');
const pct = (b: Buffer) => [...b].map((x) => `%${x.toString(16).toUpperCase()}`).join('');

const validFields: Record<string, string> = {
  applicant_kind: 'person',
  name: '张三',
  id_type: 'resident_id',
  id_number: '11010519491231002X',
  phone: '13812345678',
  email: 'zs@example.com',
  address: '浙江省温州市某路1号',
  postcode: '325000',
  description: '2025年度财政预算执行情况',
  delivery: 'email',
};

interface Part {
  name: string;
  value: Buffer | string;
  filename?: string;
  type?: string;
}

/** A multipart body; values may be raw bytes (invalid UTF-8 included). */
function multipart(parts: Part[]): { payload: Buffer; type: string } {
  const b = `----gk${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disp = p.filename
      ? `form-data; name="${p.name}"; filename="${p.filename.replace(/"/g, '%22')}"`
      : `form-data; name="${p.name}"`;
    const head = `--${b}\r\nContent-Disposition: ${disp}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(chunks), type: `multipart/form-data; boundary=${b}` };
}

/** A minimal valid PDF (file-type recognises it by its header). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

const randomIp = () =>
  `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${1 + crypto.randomInt(254)}`;

/** No 500, and a 4xx carries an error code (HTML `data-error-code`/page or JSON). */
function expectHandled(res: LightMyRequestResponse, label: string): void {
  expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400)
    expect(errorCode(res), `${label} has no error code: ${res.body.slice(0, 300)}`).toMatch(
      /^ERR_[A-Z_]+$/,
    );
}

/** The raw attack strings must never come back unescaped in HTML. */
function expectEscaped(res: LightMyRequestResponse, label: string): void {
  if (!String(res.headers['content-type'] ?? '').includes('html')) return;
  for (const x of XSS.filter((s) => s.includes('<')))
    expect(res.body.includes(x), `${label} echoes ${x}`).toBe(false);
}

const NUM_RUNS = Number(process.env.HOSTILE_RUNS ?? 40);

describeEachDb('hostile input', (get) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let editor: { cookie: string; csrf: string };
  let itemUrl = '';
  let cases = 0;
  const org = 'hx-org';

  beforeAll(async () => {
    ctx = get();
    app = await buildApp(ctx);
    const o = await createTestOrg(ctx, { code: org, name: '某县人民政府办公室' });
    editor = await signIn(
      app,
      ctx,
      await createTestUser(ctx, {
        grants: [
          { orgId: o.id, role: 'editor' },
          { orgId: o.id, role: 'org_admin' },
        ],
      }),
    );
    const newItem = await app.inject({
      method: 'GET',
      url: `/admin/orgs/${org}/items/new`,
      headers: { cookie: editor.cookie },
    });
    const column = /name="column_id"[\s\S]*?<option value="(\d+)"/.exec(newItem.body)?.[1];
    const created = await app.inject({
      method: 'POST',
      url: `/admin/orgs/${org}/items/new`,
      headers: { cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: editor.csrf,
        column_id: column ?? '',
        title: '关于某某事项的通知',
        body_html: '<p>正文</p>',
        formed_on: '2026-01-05',
        doc_type: 'other',
        attribute: 'active',
        channels: 'portal',
        genre: '通知',
      }).toString(),
    });
    expect(created.statusCode, created.body.slice(0, 500)).toBe(303);
    itemUrl = String(created.headers.location).split('?')[0] ?? '';
  });
  afterAll(async () => {
    console.log(`hostile input: ${cases} cases run`);
    await app.close();
  });

  const count = async (table: 'applications' | 'attachments' | 'application_files' | 'users') =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** A fresh visitor on the apply form: its CSRF cookie, token and submission token. */
  async function applyVisitor() {
    const ip = randomIp();
    const jar: CookieJar = new Map();
    const page = await app.inject({ method: 'GET', url: `/${org}/apply`, remoteAddress: ip });
    storeCookies(jar, page);
    const token = /name="submission_token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return {
      submit: (parts: Part[]) => {
        const m = multipart([
          { name: '_csrf', value: csrfFrom(page.body) },
          { name: 'submission_token', value: token },
          ...parts,
        ]);
        return app.inject({
          method: 'POST',
          url: `/${org}/apply`,
          remoteAddress: ip,
          headers: { cookie: cookieHeader(jar), 'content-type': m.type },
          payload: m.payload,
        });
      },
    };
  }

  it('answers the application form with a clear 4xx for hostile fields and stores nothing then', async () => {
    const field = fc.constantFrom(...Object.keys(validFields));
    const value: fc.Arbitrary<Buffer | string> = fc.oneof(
      { weight: 4, arbitrary: hostile },
      { weight: 1, arbitrary: badBytes },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(field, value, { minKeys: 1, maxKeys: 4 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), hostile, { maxKeys: 3 }),
        async (changed, unknown) => {
          cases += 1;
          const v = await applyVisitor();
          const before = await count('applications');
          const fields = { ...validFields, ...changed };
          const parts: Part[] = [
            ...Object.entries(fields).map(([name, value]) => ({ name, value })),
            ...Object.entries(unknown)
              .filter(([k]) => !(k in validFields) && !/["\r\n]/.test(k) && k !== 'website')
              .map(([name, value]) => ({ name, value })),
          ];
          const res = await v.submit(parts);
          expectHandled(res, 'apply');
          expectEscaped(res, 'apply');
          const after = await count('applications');
          if (res.statusCode >= 400) expect(after).toBe(before);
          else expect(res.statusCode).toBe(303);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  }, 240_000);

  it('cleans path traversal out of uploaded file names and refuses zip bombs posing as files', async () => {
    for (const name of TRAVERSAL) {
      cases += 1;
      const v = await applyVisitor();
      const res = await v.submit([
        ...Object.entries({ ...validFields, id_number: '11010519491231002X' }).map(
          ([n, value]) => ({ name: n, value }),
        ),
        { name: 'attachments', value: PDF, filename: `${name}.pdf`, type: 'application/pdf' },
      ]);
      expectHandled(res, `upload ${name}`);
    }
    const stored = await ctx.db.selectFrom('application_files').select('filename').execute();
    for (const f of stored) {
      expect(f.filename).not.toMatch(/[\\/\u0000-\u001f]/);
      expect(f.filename).not.toMatch(/^\.\./);
    }
    // A DOCX whose content-types entry inflates to 64 MB: not recognised, refused, nothing stored.
    cases += 1;
    const before = await count('applications');
    const v = await applyVisitor();
    const res = await v.submit([
      ...Object.entries(validFields).map(([name, value]) => ({ name, value })),
      {
        name: 'attachments',
        value: await docxBomb(64 * 1024 * 1024, 'content-types'),
        filename: '申请材料.docx',
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
    ]);
    expectHandled(res, 'docx bomb');
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('ERR_ATTACHMENT');
    expect(await count('applications')).toBe(before);
  }, 120_000);

  it('answers staff uploads of DOCX/XLSX zip bombs without a 500 and without inflating them', async () => {
    const rss = process.memoryUsage().rss;
    const bombs: Array<[string, Buffer, string]> = [
      ['docx', await docxBomb(64 * 1024 * 1024), 'application/octet-stream'],
      ['xlsx', await xlsxBomb(64 * 1024 * 1024), 'application/octet-stream'],
    ];
    for (const [ext, data, type] of bombs) {
      for (const filename of [`../../报表.${ext}`, `ok.${ext}`]) {
        cases += 1;
        const m = multipart([
          { name: '_csrf', value: editor.csrf },
          { name: 'file', value: data, filename, type },
        ]);
        const res = await app.inject({
          method: 'POST',
          url: `${itemUrl}/attachments`,
          headers: { cookie: editor.cookie, 'content-type': m.type },
          payload: m.payload,
        });
        expectHandled(res, `staff ${filename}`);
      }
    }
    const names = await ctx.db.selectFrom('attachments').select('filename').execute();
    for (const n of names) expect(n.filename).not.toMatch(/[\\/]/);
    // The upload path only sniffs the type: it must not inflate 64 MB entries.
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
  }, 120_000);

  it('answers hostile report imports (staff JSON import) with a clear 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostile,
          fc.json(),
          fc.jsonValue().map((j) => JSON.stringify({ year: j })),
        ),
        async (text) => {
          cases += 1;
          const m = multipart([
            { name: '_csrf', value: editor.csrf },
            { name: 'json', value: text },
          ]);
          const res = await app.inject({
            method: 'POST',
            url: `/admin/orgs/${org}/reports/import`,
            headers: { cookie: editor.cookie, 'content-type': m.type },
            payload: m.payload,
          });
          expectHandled(res, 'report import');
          expectEscaped(res, 'report import');
          expect(res.statusCode === 200 || res.statusCode >= 400).toBe(true);
        },
      ),
      { numRuns: Math.ceil(NUM_RUNS / 2) },
    );
  }, 120_000);

  it('answers tracking lookups and sign-in with hostile values with a clear 4xx', async () => {
    const users = await count('users');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(`/${org}/track`, '/admin/login'),
        fc.oneof(hostile, badBytes),
        fc.oneof(hostile, badBytes),
        async (url, a, b) => {
          cases += 1;
          const ip = randomIp();
          const jar: CookieJar = new Map();
          const page = await app.inject({ method: 'GET', url, remoteAddress: ip });
          storeCookies(jar, page);
          const [k1, k2] = url === '/admin/login' ? ['username', 'password'] : ['ref', 'code'];
          const enc = (x: string | Buffer) => (typeof x === 'string' ? safeEncode(x) : pct(x));
          const res = await app.inject({
            method: 'POST',
            url,
            remoteAddress: ip,
            headers: {
              cookie: cookieHeader(jar),
              'content-type': 'application/x-www-form-urlencoded',
            },
            payload: `_csrf=${encodeURIComponent(csrfFrom(page.body))}&${k1}=${enc(a)}&${k2}=${enc(b)}`,
          });
          expectHandled(res, url);
          expectEscaped(res, url);
          expect([400, 413]).toContain(res.statusCode);
        },
      ),
      { numRuns: NUM_RUNS },
    );
    expect(await count('users')).toBe(users);
  }, 240_000);

  it('answers search, the search API and portal pages with hostile parameters without a 500', async () => {
    const targets = [
      (q: string) => `/search?q=${q}`,
      (q: string) => `/search?q=x&page=${q}&sort=${q}&org=${q}&from=${q}&to=${q}`,
      (q: string) => `/${org}/search?q=${q}&column=${q}&year=${q}`,
      (q: string) => `/api/v1/search?q=${q}&page=${q}&size=${q}`,
      (q: string) => `/${org}/?page=${q}`,
      (q: string) => `/${org}/columns/${q}?page=${q}`,
      (q: string) => `/${org}/items/${q}`,
      (q: string) => `/${org}/annual-reports/${q}`,
      (q: string) => `/${org}/policies?page=${q}&q=${q}&validity=${q}`,
      (q: string) => `/${org}/attachments/${q}/${q}`,
      (q: string) => `/${org}/apply/receipt?ref=${q}`,
      (q: string) => `/${org}/track/case?ref=${q}`,
      (q: string) => `/mode/${q}?back=${q}`,
      (q: string) => `/${q}/`,
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: targets.length - 1 }),
        fc.oneof(
          hostile.map((s) => safeEncode(s.slice(0, 2000))),
          badBytes.map(pct),
          fc.constantFrom('%', '%zz', '%00', '..%2f..%2fetc%2fpasswd', '%2e%2e', '%C0%AE%C0%AE'),
        ),
        async (i, q) => {
          cases += 1;
          const target = targets[i];
          if (!target) return;
          const url = target(q);
          const res = await app.inject({ method: 'GET', url, remoteAddress: randomIp() });
          expectHandled(res, url);
          expectEscaped(res, url);
          if (url.startsWith('/api/'))
            expect(String(res.headers['content-type'])).toContain('application/json');
        },
      ),
      { numRuns: NUM_RUNS * 3 },
    );
  }, 240_000);

  it('answers bodies that are not what they claim (bad JSON, wrong type, bad bytes) with a 4xx', async () => {
    const s = editor;
    const bodies: Array<[string, string | Buffer]> = [
      ['application/json', '{"_csrf": '],
      ['application/json', '[]'],
      [
        'application/x-www-form-urlencoded',
        Buffer.concat([Buffer.from('_csrf=x&q='), BAD_BYTES[0] ?? Buffer.alloc(0)]),
      ],
      ['application/x-www-form-urlencoded', '%%%'],
      ['multipart/form-data', 'no boundary'],
      ['multipart/form-data; boundary=x', '--x\r\nbroken'],
      ['text/xml', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'],
    ];
    for (const url of [`/${org}/apply`, `/${org}/track`, '/admin/login', `${itemUrl}/edit`]) {
      for (const [type, payload] of bodies) {
        cases += 1;
        const res = await app.inject({
          method: 'POST',
          url,
          remoteAddress: randomIp(),
          headers: { cookie: s.cookie, 'content-type': type },
          payload,
        });
        expectHandled(res, `${url} ${type}`);
        expect(res.statusCode, `${url} ${type}`).toBeGreaterThanOrEqual(400);
      }
    }
  }, 120_000);
});
