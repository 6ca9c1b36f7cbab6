import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { ForbiddenError } from '../platform/errors.js';
import { descendantIds, findOrgByCode, listOrgRows } from '../orgs/orgs.repository.js';
import { getOrgFor } from '../orgs/orgs.service.js';
import type { ExchangeDocument } from './exchange.schema.js';
import { exportOrgRecords } from './parts/orgs.part.js';
import { exportApplicationRecords } from './parts/applications.part.js';
import { exportAppealRecords } from './parts/appeals.part.js';
import { exportItemRecords } from './parts/items.part.js';
import { exportAnnualFiguresRecords } from './parts/annual-figures.part.js';

/**
 * Writes a `gongkai-exchange` v1 document of every org (platform admins), or of one org and its
 * descendants (anyone who may read that org). Re-importing it changes nothing (EXCHANGE.md §1).
 */
export async function exportExchange(
  ctx: AppContext,
  actor: Actor,
  options: { orgCode?: string } = {},
): Promise<ExchangeDocument> {
  const all = await listOrgRows(ctx.db);
  let rows = all;
  if (options.orgCode !== undefined) {
    await getOrgFor(ctx, actor, options.orgCode, 'read');
    const root = await findOrgByCode(ctx.db, options.orgCode);
    const ids = new Set([
      ...(root ? [root.id] : []),
      ...(root ? await descendantIds(ctx.db, root.id) : []),
    ]);
    rows = all.filter((r) => ids.has(r.id));
  } else if (!actor.isPlatformAdmin) {
    throw new ForbiddenError('ERR_EXPORT_FORBIDDEN', '只有平台管理员可以导出全部单位的数据。');
  }
  return {
    format: 'gongkai-exchange',
    version: 1,
    orgs: exportOrgRecords(rows, all),
    items: await exportItemRecords(ctx.db, rows),
    applications: await exportApplicationRecords(ctx, actor, rows),
    appeals: await exportAppealRecords(ctx, rows),
    annual_figures: await exportAnnualFiguresRecords(ctx.db, rows),
  };
}
