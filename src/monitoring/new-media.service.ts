import { scopeOf } from '../orgs/orgs.service.js';
import { audit } from '../platform/audit/audit.service.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { chinaDate, isoNow } from '../platform/time.js';
import { can, type MonitoringAction } from './monitoring.policy.js';
import { newMediaRows } from './monitors.repository.js';
import { isFutureDate, type NewMediaForm } from './new-media.model.js';
import {
  findAccount,
  findDuplicate,
  insertAccount,
  updateAccount,
  type NewMediaRow,
  type NewMediaValues,
} from './new-media.repository.js';

/** Use cases of the 政务新媒体 register (REGULATIONS.md §7.3): list, add, edit, close. */

async function assertMonitoring(
  ctx: AppContext,
  actor: Actor,
  action: MonitoringAction,
  orgId: number,
): Promise<void> {
  if (!can(actor, action, await scopeOf(ctx.db, orgId)))
    throw new ForbiddenError('ERR_MONITORING_FORBIDDEN', '您没有执行此操作的权限。');
}

/** The org's accounts. */
export async function listNewMedia(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
): Promise<NewMediaRow[]> {
  await assertMonitoring(ctx, actor, 'read', orgId);
  return newMediaRows(ctx.db, orgId);
}

/** One account of the org (404 ERR_NEW_MEDIA_NOT_FOUND). */
export async function getNewMedia(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  id: number,
): Promise<NewMediaRow> {
  await assertMonitoring(ctx, actor, 'read', orgId);
  const row = await findAccount(ctx.db, orgId, id);
  if (!row) throw new NotFoundError('ERR_NEW_MEDIA_NOT_FOUND', '该政务新媒体账号不存在。');
  return row;
}

function valuesOf(input: NewMediaForm): NewMediaValues {
  return {
    platform: input.platform,
    name: input.name,
    owner: input.owner,
    status: input.status,
    merged_into: input.status === 'merged' ? input.merged_into : null,
    url: input.url,
    last_update_on: input.last_update_on,
  };
}

function registerFields(r: NewMediaRow): NewMediaValues {
  return {
    platform: r.platform,
    name: r.name,
    owner: r.owner,
    status: r.status,
    merged_into: r.merged_into,
    url: r.url,
    last_update_on: r.last_update_on,
  };
}

/**
 * Adds (`id` null) or edits an account, audited. Rejects a future 最近更新日期 and a second
 * account with the same platform and name (ValidationError, nothing stored).
 */
export async function saveNewMedia(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  id: number | null,
  input: NewMediaForm,
): Promise<number> {
  await assertMonitoring(ctx, actor, 'edit_register', orgId);
  if (isFutureDate(input.last_update_on, chinaDate(ctx.now())))
    throw new ValidationError({ last_update_on: '最近更新日期不能晚于今天' });
  const values = valuesOf(input);
  const now = isoNow(ctx.now());
  return ctx.db.transaction().execute(async (trx) => {
    if (await findDuplicate(trx, orgId, values.platform, values.name, id))
      throw new ValidationError(
        { name: '本单位已登记同一平台、同名的账号' },
        undefined,
        'ERR_NEW_MEDIA_DUPLICATE',
      );
    let before: NewMediaRow | null = null;
    let accountId: number;
    if (id === null) accountId = await insertAccount(trx, orgId, values, now);
    else {
      const row = await findAccount(trx, orgId, id);
      if (!row) throw new NotFoundError('ERR_NEW_MEDIA_NOT_FOUND', '该政务新媒体账号不存在。');
      before = row;
      accountId = id;
      await updateAccount(trx, id, values, now);
    }
    await audit(ctx, trx, actor, {
      orgId,
      action: id === null ? 'new_media.create' : 'new_media.update',
      targetType: 'new_media_account',
      targetId: accountId,
      before: before ? registerFields(before) : null,
      after: { ...values },
    });
    return accountId;
  });
}

/** Closes (关停) an operating account, audited. */
export async function closeNewMedia(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  id: number,
): Promise<void> {
  await assertMonitoring(ctx, actor, 'edit_register', orgId);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findAccount(trx, orgId, id);
    if (!row) throw new NotFoundError('ERR_NEW_MEDIA_NOT_FOUND', '该政务新媒体账号不存在。');
    if (row.status === 'closed') return;
    await updateAccount(trx, id, { status: 'closed' }, isoNow(ctx.now()));
    await audit(ctx, trx, actor, {
      orgId,
      action: 'new_media.close',
      targetType: 'new_media_account',
      targetId: id,
      before: { status: row.status },
      after: { status: 'closed' },
    });
  });
}

/** Whether the actor may add, edit and close the org's accounts (for showing the forms). */
export async function canEditRegister(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
): Promise<boolean> {
  return can(actor, 'edit_register', await scopeOf(ctx.db, orgId));
}
