import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import { ForbiddenError, NotFoundError } from '../platform/errors.js';
import { findOrgAndScope, type OrgRow } from '../orgs/orgs.repository.js';
import { auditText, digestOf, displayOf, maskFindingText } from './finding-privacy.js';
import { can } from './monitoring.policy.js';
import { PERSONAL_DATA_RULES } from './personal-data.js';
import { userNames } from './rectification.repository.js';
import {
  deleteWhitelistEntry,
  findWhitelistEntry,
  whitelistRows,
  type WhitelistRow,
} from './whitelist.repository.js';

/**
 * The content-check whitelist page (issue 7, §7.4): entries come from 「忽略」 on content findings;
 * the org's org_admin lists and removes them; platform-wide entries (org null) are shown to them
 * and removed only by a platform admin. Every removal is audited.
 */

async function orgForWhitelist(ctx: AppContext, actor: Actor, code: string): Promise<OrgRow> {
  const found = await findOrgAndScope(ctx.db, code);
  if (!found) throw new NotFoundError('ERR_ORG_NOT_FOUND', '该单位不存在。');
  if (!can(actor, 'whitelist', found.scope))
    throw new ForbiddenError('ERR_MONITORING_FORBIDDEN', '您没有管理该单位内容检查白名单的权限。');
  return found.row;
}

/** An entry's text as shown: sealed ones by their masked form, clear personal-data ones masked. */
function shownText(r: WhitelistRow): string {
  if (digestOf(r.text)) return displayOf(r.text);
  return r.rule && PERSONAL_DATA_RULES.has(r.rule) ? maskFindingText(r.rule, r.text) : r.text;
}

export interface WhitelistView extends WhitelistRow {
  /** The text as staff see it: personal data masked (the row holds its digest). */
  display: string;
  createdByName: string | null;
  mayRemove: boolean;
}

export async function listWhitelist(
  ctx: AppContext,
  actor: Actor,
  code: string,
): Promise<{ org: OrgRow; entries: WhitelistView[] }> {
  const org = await orgForWhitelist(ctx, actor, code);
  const rows = await whitelistRows(ctx.db, org.id);
  const names = await userNames(ctx.db, [
    ...new Set(rows.flatMap((r) => (r.created_by ? [r.created_by] : []))),
  ]);
  return {
    org,
    entries: rows.map((r) => ({
      ...r,
      display: shownText(r),
      createdByName: r.created_by ? (names.get(r.created_by) ?? null) : null,
      mayRemove: r.org_id !== null || actor.isPlatformAdmin,
    })),
  };
}

export async function removeWhitelistEntry(
  ctx: AppContext,
  actor: Actor,
  code: string,
  id: number,
): Promise<void> {
  const org = await orgForWhitelist(ctx, actor, code);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findWhitelistEntry(trx, id);
    if (!row || (row.org_id !== null && row.org_id !== org.id))
      throw new NotFoundError('ERR_WHITELIST_NOT_FOUND', '该白名单条目不存在。');
    if (row.org_id === null && !actor.isPlatformAdmin)
      throw new ForbiddenError(
        'ERR_MONITORING_FORBIDDEN',
        '全平台白名单条目只能由平台管理员删除。',
      );
    await deleteWhitelistEntry(trx, id);
    await audit(ctx, trx, actor, {
      orgId: row.org_id,
      action: 'monitoring.whitelist.remove',
      targetType: 'content_whitelist',
      targetId: id,
      before: { ...auditText(row.text), rule: row.rule, reason: row.reason, org_id: row.org_id },
    });
  });
}
