import { ensureDemoAdmin } from '../accounts/accounts.service.js';
import { systemActor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { createOrg, findOrg } from '../orgs/orgs.service.js';
import { emptyContact, type OrgInput } from '../orgs/orgs.model.js';
import { seedDemoCatalogue } from './seed-items.js';
import { reindex } from '../search/search.indexer.js';
import { seedDemoApplications } from '../requests/applications.demo.js';
import { seedDemoNewMedia } from '../monitoring/new-media.demo.js';

/**
 * The demo organisations: the body of the seed report (温州高新区(经开区)管委会, a zone) under
 * 温州市人民政府, with the 公开指南 contact data the report gives (办公室, 电话 0577-86906612).
 * Addresses and hours are illustrative.
 */
export const DEMO_ORGS: OrgInput[] = [
  {
    code: 'wenzhou',
    name: '温州市人民政府',
    kind: 'government',
    parentCode: null,
    uscc: null,
    siteIdCode: null,
    contact: {
      ...emptyContact(),
      office: '温州市人民政府办公室（政务公开办公室）',
      address: '浙江省温州市鹿城区（演示数据）',
      hours: '工作日 上午8:30—12:00，下午14:30—17:30',
      postcode: '325000',
    },
  },
  {
    code: 'wzgxq',
    name: '温州高新区(经开区)管委会',
    kind: 'zone',
    parentCode: 'wenzhou',
    uscc: null,
    siteIdCode: null,
    contact: {
      ...emptyContact(),
      office: '温州高新技术产业开发区(温州经济技术开发区)管委会政务公开领导小组办公室',
      address: '浙江省温州市温州高新区（演示数据）',
      hours: '工作日 上午8:30—12:00，下午14:30—17:30',
      phone: '0577-86906612',
      postcode: '325000',
    },
  },
];

/**
 * Seeds the demo on first start (idempotent: existing records are left alone): the orgs, the
 * catalogue of wzgxq reproducing the seed report's 2022 publication record (seed-items.ts) and
 * the demo admin. Returns the one-time password of the demo `admin` when this call created it.
 */
export async function seedDemo(ctx: AppContext): Promise<{ adminPassword: string | null }> {
  const actor = systemActor('demo');
  for (const org of DEMO_ORGS) {
    if (!(await findOrg(ctx, org.code))) await createOrg(ctx, actor, org);
  }
  // The demo items are written directly, not through the catalogue's services, so index them
  // here (once, on first start) instead of leaving it to the search repair job.
  if ((await seedDemoCatalogue(ctx, actor, 'wzgxq')) > 0) await reindex(ctx, null);
  // 依申请公开 cases of 2023–2026; 2022 stays at zero, as in the seed report.
  await seedDemoApplications(ctx);
  // 政务新媒体 register (issue 7): one account not updated for weeks, for the monitor to flag.
  await seedDemoNewMedia(ctx, 'wzgxq');
  const adminPassword = await ensureDemoAdmin(ctx);
  return { adminPassword };
}
