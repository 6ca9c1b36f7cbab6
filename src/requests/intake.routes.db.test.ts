import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  cookieHeader,
  createTestOrg,
  csrfFrom,
  errorCode,
  storeCookies,
  type CookieJar,
} from '../../test/factories.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';

const fields = {
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

/** A multipart body with text fields only. */
function multipart(form: Record<string, string>): { payload: string; type: string } {
  const b = '----gk' + Math.random().toString(16).slice(2);
  const parts = Object.entries(form).map(
    ([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  return { payload: `${parts.join('')}--${b}--\r\n`, type: `multipart/form-data; boundary=${b}` };
}

describeEachDb('public application form and tracking', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const ctx = get();
    await createTestOrg(ctx, { code: 'pub-org', name: '某区政府办公室' });
    app = await buildApp(ctx);
  });
  afterAll(async () => {
    await app.close();
  });

  async function session(ip: string) {
    const jar: CookieJar = new Map();
    const page = await app.inject({ method: 'GET', url: '/pub-org/apply', remoteAddress: ip });
    storeCookies(jar, page);
    const token = /name="submission_token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const submit = async (form: Record<string, string>): Promise<LightMyRequestResponse> => {
      const m = multipart({ _csrf: csrfFrom(page.body), submission_token: token, ...form });
      const res = await app.inject({
        method: 'POST',
        url: '/pub-org/apply',
        remoteAddress: ip,
        headers: { cookie: cookieHeader(jar), 'content-type': m.type },
        payload: m.payload,
      });
      storeCookies(jar, res);
      return res;
    };
    return { jar, token, submit, page };
  }
  const count = async () =>
    (await get().db.selectFrom('applications').select('id').execute()).length;

  it('accepts an application once for a double submit and shows the receipt once', async () => {
    const s = await session('10.0.0.1');
    expect(s.page.statusCode).toBe(200);
    const before = await count();
    const first = await s.submit(fields);
    expect(first.statusCode).toBe(303);
    const second = await s.submit(fields);
    expect(second.headers['x-application-ref']).toBe(first.headers['x-application-ref']);
    expect(await count()).toBe(before + 1);
    const receipt = await app.inject({
      method: 'GET',
      url: '/pub-org/apply/receipt',
      headers: { cookie: cookieHeader(s.jar) },
    });
    expect(receipt.body).toContain(String(first.headers['x-application-ref']));
    const code = /查询码：<strong class="code">([^<]+)</.exec(receipt.body)?.[1] ?? '';
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    storeCookies(s.jar, receipt);
    const again = await app.inject({
      method: 'GET',
      url: '/pub-org/apply/receipt',
      headers: { cookie: cookieHeader(s.jar) },
    });
    expect(again.body).not.toContain(code);

    const track = await app.inject({
      method: 'GET',
      url: '/pub-org/track',
      remoteAddress: '10.0.9.1',
    });
    const jar: CookieJar = new Map();
    storeCookies(jar, track);
    const post = (ref: string, c: string) =>
      app.inject({
        method: 'POST',
        url: '/pub-org/track',
        remoteAddress: '10.0.9.1',
        headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfFrom(track.body), ref, code: c }).toString(),
      });
    const wrong = await post(String(first.headers['x-application-ref']), 'AAAA-AAAA');
    const unknown = await post('YSQ2025-ZZZZZZZZ', 'AAAA-AAAA');
    expect(errorCode(wrong)).toBe('ERR_TRACK_NOT_FOUND');
    expect(wrong.statusCode).toBe(unknown.statusCode);
    expect(wrong.body.replace(/value="[^"]*"/g, '')).toBe(
      unknown.body.replace(/value="[^"]*"/g, ''),
    );
    const ok = await post(
      String(first.headers['x-application-ref']).toLowerCase(),
      code.toLowerCase().replace('-', ''),
    );
    expect(ok.statusCode).toBe(303);
    storeCookies(jar, ok);
    const view = await app.inject({
      method: 'GET',
      url: '/pub-org/track/case',
      headers: { cookie: cookieHeader(jar) },
    });
    expect(view.body).toContain('待确认（网上申请）');
  });

  it('names each invalid field and stores nothing', async () => {
    const s = await session('10.0.0.2');
    const before = await count();
    const res = await s.submit({
      ...fields,
      id_number: '110105194912310021',
      name: '',
      delivery: 'fax',
    });
    expect(res.statusCode).toBe(400);
    for (const f of ['id_number', 'name', 'delivery']) expect(res.body).toContain(`href="#f-${f}"`);
    expect(await count()).toBe(before);
  });

  it('stores nothing when the honeypot is filled', async () => {
    const s = await session('10.0.0.3');
    const before = await count();
    const res = await s.submit({ ...fields, website: 'http://spam.example' });
    expect(errorCode(res)).toBe('ERR_HONEYPOT');
    expect(await count()).toBe(before);
  });

  it('asks an accessible question once the per-applicant limit trips', async () => {
    let last: LightMyRequestResponse | null = null;
    for (let i = 0; i < 4; i++)
      last = await (
        await session(`10.0.1.${i}`)
      ).submit({ ...fields, id_number: '330302199001011235' });
    expect(last?.statusCode).toBe(429);
    expect(errorCode(last as LightMyRequestResponse)).toBe('ERR_CHALLENGE_REQUIRED');
    expect(last?.body).toMatch(/加.+等于多少/);
  });
});
