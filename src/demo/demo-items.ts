import { bodyFor, pick, POLICY_TITLES, POLICY_TOPICS, seededRandom, TITLES } from './demo-text.js';

/**
 * The demo catalogue of wzgxq, generated deterministically (seeded PRNG, no clock). It
 * reproduces the seed report's publication record for 2022 (EXCHANGE.md §2.1, channels):
 * 4058 主动公开 items published in 2022, 3686 on the body's portal only and 372 on the city's
 * 政府信息公开平台 only; and adds items of 2021 and 2023–2026, policies with interpretations,
 * a withdrawn item, a changed item and non-public ones that never reach the portal.
 */

/** One generated item (column by code; everything else as stored). */
export interface DemoItem {
  ref: string;
  column: string;
  category: string;
  title: string;
  bodyHtml: string;
  docType: 'rule' | 'normative' | 'other';
  docNumber: string | null;
  formedOn: string;
  publishedOn: string | null;
  channels: Array<'portal' | 'platform'>;
  validity: 'valid' | 'invalid' | 'abolished' | null;
  abolishedOn: string | null;
  interpretsRef: string | null;
  attribute: 'active' | 'on_request' | 'withheld';
  attributeReason: string | null;
  topic: string | null;
  status: 'published' | 'draft' | 'withdrawn';
  withdrawnOn: string | null;
  withdrawalReason: string | null;
  changeNote: string | null;
  withAttachment: boolean;
}

/** The seed report's 2022 figures (一、总体情况（一）). */
export const DEMO_2022 = { total: 4058, portal: 3686, platform: 372 } as const;

/** Items per year besides 2022 (2026 up to October). */
const OTHER_YEARS: Record<number, number> = {
  2021: 320,
  2023: 420,
  2024: 400,
  2025: 380,
  2026: 240,
};

/** Routine kinds: column code, catalogue category and weight. */
const KINDS: Array<{ kind: string; column: string; category: string; weight: number }> = [
  { kind: 'news', column: 'news', category: 'news', weight: 30 },
  { kind: 'notice', column: 'notice', category: 'notice', weight: 25 },
  { kind: 'planning', column: 'art20-03', category: 'art20-03', weight: 7 },
  { kind: 'budget', column: 'art20-07', category: 'art20-07', weight: 3 },
  { kind: 'personnel', column: 'art20-02', category: 'art20-02', weight: 2 },
  { kind: 'recruitment', column: 'art20-14', category: 'art20-14', weight: 2 },
  { kind: 'procurement', column: 'art20-09', category: 'art20-09', weight: 7 },
  { kind: 'permits', column: 'art20-05', category: 'art20-05', weight: 5 },
  { kind: 'penalties', column: 'art20-06', category: 'art20-06', weight: 4 },
  { kind: 'inspection', column: 'art20-13', category: 'art20-13', weight: 3 },
  { kind: 'welfare', column: 'art20-11', category: 'art20-11', weight: 4 },
  { kind: 'emergency', column: 'art20-12', category: 'art20-12', weight: 1 },
  { kind: 'statistics', column: 'art20-04', category: 'art20-04', weight: 2 },
  { kind: 'enterprise', column: 'art20-15', category: 'art20-15', weight: 5 },
];
const TOTAL_WEIGHT = KINDS.reduce((s, k) => s + k.weight, 0);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The date `day` days into `year` (0-based), capped to the year's last publishing day. */
function dayOf(year: number, day: number, lastMonth = 12): string {
  const last = Date.UTC(year, lastMonth, 0);
  const d = new Date(Math.min(Date.UTC(year, 0, 1) + day * 86_400_000, last));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function base(ref: string, over: Partial<DemoItem>): DemoItem {
  return {
    ref,
    column: 'news',
    category: 'news',
    title: '',
    bodyHtml: '',
    docType: 'other',
    docNumber: null,
    formedOn: '',
    publishedOn: null,
    channels: ['portal'],
    validity: null,
    abolishedOn: null,
    interpretsRef: null,
    attribute: 'active',
    attributeReason: null,
    topic: null,
    status: 'published',
    withdrawnOn: null,
    withdrawalReason: null,
    changeNote: null,
    withAttachment: false,
    ...over,
  };
}

/** Policies (行政规范性文件) of a year, each with its 政策解读 published a few days later. */
function policiesOf(
  year: number,
  count: number,
  rand: () => number,
  lastMonth: number,
): DemoItem[] {
  const out: DemoItem[] = [];
  for (let i = 0; i < count; i++) {
    const day = Math.floor(((i + 0.5) * 360) / count);
    const formed = dayOf(year, day, lastMonth);
    const published = dayOf(year, day + 3, lastMonth);
    const name = POLICY_TITLES[(i + year) % POLICY_TITLES.length] ?? '';
    const title = `${'温州高新区(经开区)管委会'}关于印发《${name}》的通知`;
    const ref = `demo-${year}-policy-${pad(i + 1, 3)}`;
    const abolished = year === 2021 && i === 0;
    out.push(
      base(ref, {
        column: 'policy',
        category: 'art20-01',
        title,
        bodyHtml: bodyFor('policy', title, rand),
        docType: 'normative',
        docNumber: `温高管〔${year}〕${i * 3 + 1}号`,
        formedOn: formed,
        publishedOn: published,
        validity: abolished ? 'abolished' : 'valid',
        abolishedOn: abolished ? '2024-06-30' : null,
        topic: pick(rand, POLICY_TOPICS),
        withAttachment: true,
      }),
      base(`demo-${year}-interp-${pad(i + 1, 3)}`, {
        column: 'interpretation',
        category: 'interpretation',
        title: `《${name}》政策解读`,
        bodyHtml: bodyFor('interpretation', name, rand),
        formedOn: published,
        publishedOn: dayOf(year, day + 4, lastMonth),
        interpretsRef: ref,
      }),
    );
  }
  return out;
}

/** Routine items of a year: `count` of them spread over the year, kinds by weight. */
function routineOf(year: number, count: number, rand: () => number, lastMonth: number): DemoItem[] {
  const out: DemoItem[] = [];
  const days = lastMonth === 12 ? 364 : lastMonth * 30;
  for (let i = 0; i < count; i++) {
    let w = rand() * TOTAL_WEIGHT;
    const k = KINDS.find((x) => (w -= x.weight) < 0) ?? KINDS[0];
    if (!k) continue;
    const day = Math.floor((i * days) / count);
    const published = dayOf(year, day, lastMonth);
    const formed = dayOf(year, Math.max(0, day - Math.floor(rand() * 10)), lastMonth);
    const title = (TITLES[k.kind] ?? TITLES.news)?.(rand, year, i) ?? '';
    out.push(
      base(`demo-${year}-${pad(i + 1, 5)}`, {
        column: k.column,
        category: k.category,
        title,
        bodyHtml: bodyFor(k.kind, title, rand),
        docNumber: k.kind === 'penalties' ? `温高综执罚〔${year}〕${i + 1}号` : null,
        formedOn: formed,
        publishedOn: published,
      }),
    );
  }
  return out;
}

/** Every demo item of wzgxq, in publication order per year. */
export function generateDemoItems(): DemoItem[] {
  const rand = seededRandom(20221231);
  const items: DemoItem[] = [];
  // 2022: policies, interpretations, the 2021 annual report, then routine items up to 4058.
  const y2022 = policiesOf(2022, 18, rand, 12);
  y2022.push(
    base('demo-2022-annual-report', {
      column: 'annual-report',
      category: 'annual-report',
      title: '温州高新区(经开区)管委会2021年度政府信息公开工作报告',
      bodyHtml: '<p>根据《中华人民共和国政府信息公开条例》的规定，编制本报告。</p>',
      formedOn: '2022-01-20',
      publishedOn: '2022-01-25',
    }),
  );
  y2022.push(...routineOf(2022, DEMO_2022.total - y2022.length, rand, 12));
  // 372 of them went to the city's platform only (picked evenly, deterministic).
  const step = y2022.length / DEMO_2022.platform;
  for (let i = 0; i < DEMO_2022.platform; i++) {
    const it = y2022[Math.floor(i * step)];
    if (it) it.channels = ['platform'];
  }
  items.push(...y2022);
  for (const [y, n] of Object.entries(OTHER_YEARS)) {
    const year = Number(y);
    const lastMonth = year === 2026 ? 10 : 12;
    const policies = policiesOf(year, 6, rand, lastMonth);
    items.push(...policies, ...routineOf(year, n - policies.length, rand, lastMonth));
  }
  items.push(...specialItems());
  return items;
}

/** Items that show the portal's rules: withdrawn, changed, and never public. */
function specialItems(): DemoItem[] {
  return [
    base('demo-withdrawn-2023', {
      column: 'notice',
      category: 'notice',
      title: '关于调整滨海园区部分道路交通组织的通告',
      bodyHtml: '<p>已撤回。</p>',
      formedOn: '2023-05-08',
      publishedOn: '2023-05-10',
      status: 'withdrawn',
      withdrawnOn: '2023-05-20',
      withdrawalReason: '道路施工方案调整，原通告内容不再适用，新通告另行发布。',
    }),
    base('demo-changed-2024', {
      column: 'notice',
      category: 'notice',
      title: '关于开展2024年度企业研发费用补助申报工作的通知',
      bodyHtml: '<p>请符合条件的企业于规定时间内提交申报材料。</p><p>咨询电话：0577-86906612。</p>',
      formedOn: '2024-03-01',
      publishedOn: '2024-03-05',
      changeNote: '2024-03-08 更正：咨询电话更新为0577-86906612。',
    }),
    base('demo-on-request-2022', {
      column: 'art20-15',
      category: 'art20-15',
      title: '关于某地块征收补偿个案处理情况的报告',
      formedOn: '2022-06-01',
      attribute: 'on_request',
      attributeReason: 'art16-process',
      status: 'draft',
    }),
    base('demo-withheld-2022', {
      column: 'art20-15',
      category: 'art20-15',
      title: '某企业商业秘密相关材料',
      formedOn: '2022-07-01',
      attribute: 'withheld',
      attributeReason: 'art15',
      status: 'draft',
    }),
    base('demo-draft-2026', {
      column: 'notice',
      category: 'notice',
      title: '关于做好2027年元旦春节期间有关工作的通知（草稿）',
      formedOn: '2026-11-20',
      status: 'draft',
    }),
  ];
}
