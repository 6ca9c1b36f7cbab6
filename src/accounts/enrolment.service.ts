import type { AppContext } from '../platform/context.js';
import { AppError, ValidationError } from '../platform/errors.js';
import { audit } from '../platform/audit/audit.service.js';
import { decryptField, encryptField } from '../platform/crypto/sm.js';
import { isoNow } from '../platform/time.js';
import { actorOf } from './accounts.model.js';
import * as repo from './accounts.repository.js';
import {
  completeSignIn,
  LoginError,
  pendingUser,
  type ClientInfo,
  type NewSession,
} from './auth.service.js';
import {
  checkTotp,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  totpQrDataUrl,
} from './credentials.js';

/** TOTP enrolment (等保: 双因素认证): the secret, confirmation with recovery codes, deferral. */

/** The TOTP secret being enrolled (created and stored encrypted on first view). */
export async function enrolmentSecret(
  ctx: AppContext,
  userId: number,
): Promise<{ secret: string; username: string }> {
  const user = await repo.findUserById(ctx.db, userId);
  if (!user) throw new LoginError('ERR_SESSION_EXPIRED', '登录已失效，请重新登录。');
  if (user.totp_enabled === 1)
    throw new AppError('ERR_ALREADY_ENROLLED', 409, '已设置双因素认证。');
  if (user.totp_secret)
    return { secret: decryptField(ctx.fieldKeys, user.totp_secret), username: user.username };
  const secret = newTotpSecret();
  await repo.updateUser(ctx.db, userId, { totp_secret: encryptField(ctx.fieldKeys, secret) });
  return { secret, username: user.username };
}

/** What the enrolment page shows: the QR code (data: URL), the secret and whether deferral is allowed. */
export async function enrolmentQr(
  ctx: AppContext,
  userId: number,
): Promise<{ qr: string; secret: string; mayDefer: boolean }> {
  const { secret, username } = await enrolmentSecret(ctx, userId);
  const user = await repo.findUserById(ctx.db, userId);
  return {
    qr: await totpQrDataUrl(secret, username),
    secret,
    mayDefer: user?.totp_may_defer === 1,
  };
}

/**
 * Confirms enrolment with a code from the app: enables TOTP, issues 10 recovery codes (returned
 * once, stored as digests) and gives a full session in place of the current one.
 */
export async function confirmEnrolment(
  ctx: AppContext,
  input: { userId: number; sessionId: string; code: string } & ClientInfo,
): Promise<{ session: NewSession; recoveryCodes: string[] }> {
  const client = { ip: input.ip, userAgent: input.userAgent };
  const { secret } = await enrolmentSecret(ctx, input.userId);
  const user = await repo.findUserById(ctx.db, input.userId);
  if (!user) throw new LoginError('ERR_SESSION_EXPIRED', '登录已失效，请重新登录。');
  if (!(await checkTotp(secret, input.code, ctx.now()))) {
    throw new ValidationError(
      { code: '验证码不正确，请核对手机时间后重新输入' },
      '验证码不正确。',
      'ERR_CODE_INVALID',
    );
  }
  const codes = newRecoveryCodes();
  const grants = await repo.grantsOf(ctx.db, user.id);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, { totp_enabled: 1, updated_at: isoNow(ctx.now()) });
    await repo.replaceRecoveryCodes(trx, user.id, codes.map(recoveryCodeHash));
    await audit(ctx, trx, actorOf(user, grants), {
      orgId: null,
      action: 'user.totp_enrol',
      targetType: 'user',
      targetId: user.id,
      before: { totp_enabled: false },
      after: { totp_enabled: true, totp_secret: '[已修改]', recovery_codes: '[已修改]' },
    });
  });
  const session = await completeSignIn(
    ctx,
    { ...user, totp_enabled: 1 },
    input.sessionId,
    client,
    'totp_enrolment',
  );
  return { session, recoveryCodes: codes };
}

/** Lets a user allowed to defer (the demo admin) in without TOTP; pages then show a warning. */
export async function deferEnrolment(
  ctx: AppContext,
  input: { sessionId: string } & ClientInfo,
): Promise<NewSession> {
  const user = await pendingUser(ctx, input.sessionId);
  if (user.totp_may_defer !== 1 || user.totp_enabled === 1) {
    throw new AppError('ERR_FORBIDDEN', 403, '您的账户必须先设置双因素认证。');
  }
  return completeSignIn(
    ctx,
    user,
    input.sessionId,
    { ip: input.ip, userAgent: input.userAgent },
    'deferred',
  );
}
