import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { AppError, ValidationError } from '../platform/errors.js';
import { audit } from '../platform/audit/audit.service.js';
import { isoNow } from '../platform/time.js';
import * as repo from './accounts.repository.js';
import { hashPassword, newRecoveryCodes, recoveryCodeHash, verifyPassword } from './credentials.js';

/** The signed-in user's own account: sign-out, password, recovery codes (会话管理). */

/** Ends one session. */
export async function signOut(ctx: AppContext, sessionId: string): Promise<void> {
  await repo.deleteSession(ctx.db, sessionId);
}

/** Ends every session of the actor, on every device (audited). */
export async function signOutEverywhere(ctx: AppContext, actor: Actor): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const n = await repo.deleteUserSessions(trx, actor.userId);
    await audit(ctx, trx, actor, {
      orgId: null,
      action: 'session.sign_out_all',
      targetType: 'user',
      targetId: actor.userId,
      after: { sessions_ended: n },
    });
    return n;
  });
}

/** Changes the actor's own password after checking the current one; other sessions end. */
export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  sessionId: string,
  input: { current_password: string; new_password: string },
): Promise<void> {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, input.current_password))) {
    throw new ValidationError(
      { current_password: '当前密码不正确' },
      undefined,
      'ERR_WRONG_PASSWORD',
    );
  }
  const hash = await hashPassword(input.new_password);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, { password_hash: hash, updated_at: isoNow(ctx.now()) });
    await repo.deleteOtherSessions(trx, user.id, sessionId);
    await audit(ctx, trx, actor, {
      orgId: null,
      action: 'user.change_password',
      targetType: 'user',
      targetId: user.id,
      before: { password: '' },
      after: { password: '[已修改]' },
    });
  });
}

/** Replaces the actor's recovery codes with 10 new ones, returned once. */
export async function regenerateRecoveryCodes(ctx: AppContext, actor: Actor): Promise<string[]> {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user || user.totp_enabled !== 1)
    throw new AppError('ERR_NOT_ENROLLED', 409, '请先设置双因素认证。');
  const codes = newRecoveryCodes();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.replaceRecoveryCodes(trx, user.id, codes.map(recoveryCodeHash));
    await audit(ctx, trx, actor, {
      orgId: null,
      action: 'user.recovery_codes_regenerate',
      targetType: 'user',
      targetId: user.id,
      before: { recovery_codes: '' },
      after: { recovery_codes: '[已修改]' },
    });
  });
  return codes;
}

/** Unused recovery codes left, for the account page. */
export function remainingRecoveryCodes(ctx: AppContext, userId: number): Promise<number> {
  return repo.countUnusedRecoveryCodes(ctx.db, userId);
}
