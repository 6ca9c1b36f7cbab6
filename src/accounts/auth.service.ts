import type { AppContext } from '../platform/context.js';
import type { Conn } from '../platform/db/database.js';
import { AppError, ValidationError } from '../platform/errors.js';
import { audit } from '../platform/audit/audit.service.js';
import { decryptField, randomToken, sha256Hex } from '../platform/crypto/sm.js';
import { isoNow } from '../platform/time.js';
import { actorOf, afterFailure, isLocked } from './accounts.model.js';
import * as repo from './accounts.repository.js';
import { burnPasswordCheck, recoveryCodeHash, totpStep, verifyPassword } from './credentials.js';

/** Sign-in with password and second factor, and sessions (等保: 双因素认证, 登录失败处理, 会话管理). */

/** Wrong credentials; the same message whether the username exists or not. */
export class LoginError extends AppError {
  constructor(code = 'ERR_LOGIN_FAILED', message = '用户名或密码不正确。') {
    super(code, 400, message);
  }
}

const lockedError = (ctx: AppContext) =>
  new LoginError(
    'ERR_ACCOUNT_LOCKED',
    `连续登录失败次数过多，账户已临时锁定，请${ctx.config.loginLockMinutes}分钟后再试或联系管理员。`,
  );

/** A session as given to the browser: the token goes in the cookie, only its digest is stored. */
export interface NewSession {
  token: string;
  id: string;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

async function createSession(
  ctx: AppContext,
  db: Conn,
  userId: number,
  secondFactor: boolean,
  client: ClientInfo,
): Promise<NewSession> {
  const token = randomToken(32);
  const id = sha256Hex(token);
  const now = ctx.now();
  await repo.insertSession(db, {
    id,
    userId,
    secondFactor,
    now: isoNow(now),
    expiresAt: isoNow(new Date(now.getTime() + ctx.config.sessionHours * 3600_000)),
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { token, id };
}

/** Records a failed factor; locks the account at the limit (audited). True when now locked. */
async function recordFailure(
  ctx: AppContext,
  user: repo.UserRow,
  username: string,
  client: ClientInfo,
): Promise<boolean> {
  const next = afterFailure(
    user.failed_logins,
    ctx.now(),
    ctx.config.loginMaxFailures,
    ctx.config.loginLockMinutes,
  );
  return ctx.db.transaction().execute(async (trx) => {
    await repo.recordLoginAttempt(trx, {
      username,
      ip: client.ip,
      at: isoNow(ctx.now()),
      success: false,
    });
    await repo.updateUser(trx, user.id, {
      failed_logins: next.failedLogins,
      locked_until: next.lockedUntil,
    });
    if (next.lockedUntil) {
      await repo.deleteUserSessions(trx, user.id);
      await audit(ctx, trx, actorOf(user, []), {
        orgId: null,
        action: 'user.locked',
        targetType: 'user',
        targetId: user.id,
        before: { locked_until: user.locked_until },
        after: { locked_until: next.lockedUntil },
      });
    }
    return next.lockedUntil !== null;
  });
}

/**
 * First step of sign-in: checks the password and opens a session waiting for the second factor
 * (the old session, if any, is ended: no fixation). `next` says which second step follows.
 */
export async function passwordSignIn(
  ctx: AppContext,
  input: { username: string; password: string; previousSessionId: string | null } & ClientInfo,
): Promise<{ session: NewSession; next: 'totp' | 'enrol' }> {
  const client = { ip: input.ip, userAgent: input.userAgent };
  const username = input.username.trim().toLowerCase();
  const user = await repo.findUserByUsername(ctx.db, username);
  if (!user) {
    await burnPasswordCheck(input.password);
    await repo.recordLoginAttempt(ctx.db, {
      username,
      ip: client.ip,
      at: isoNow(ctx.now()),
      success: false,
    });
    throw new LoginError();
  }
  if (isLocked(user.locked_until, ctx.now())) {
    await repo.recordLoginAttempt(ctx.db, {
      username,
      ip: client.ip,
      at: isoNow(ctx.now()),
      success: false,
    });
    throw lockedError(ctx);
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  if (!ok || user.disabled === 1) {
    if (await recordFailure(ctx, user, username, client)) throw lockedError(ctx);
    throw new LoginError();
  }
  const session = await ctx.db.transaction().execute(async (trx) => {
    if (input.previousSessionId) await repo.deleteSession(trx, input.previousSessionId);
    return createSession(ctx, trx, user.id, false, client);
  });
  return { session, next: user.totp_enabled === 1 ? 'totp' : 'enrol' };
}

/** Upgrades a pending session to a full one (a new id), resets failures and audits the sign-in. */
export async function completeSignIn(
  ctx: AppContext,
  user: repo.UserRow,
  pendingId: string,
  client: ClientInfo,
  how: string,
): Promise<NewSession> {
  const grants = await repo.grantsOf(ctx.db, user.id);
  return ctx.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, pendingId);
    await repo.updateUser(trx, user.id, { failed_logins: 0, locked_until: null });
    await repo.recordLoginAttempt(trx, {
      username: user.username,
      ip: client.ip,
      at: isoNow(ctx.now()),
      success: true,
    });
    const session = await createSession(ctx, trx, user.id, true, client);
    await audit(ctx, trx, actorOf(user, grants), {
      orgId: null,
      action: 'session.sign_in',
      targetType: 'user',
      targetId: user.id,
      after: { second_factor: how, ip: client.ip },
    });
    return session;
  });
}

/** The user of a session still waiting for its second factor. */
export async function pendingUser(ctx: AppContext, sessionId: string): Promise<repo.UserRow> {
  const session = await repo.findSession(ctx.db, sessionId);
  const user = session ? await repo.findUserById(ctx.db, session.user_id) : undefined;
  if (!session || !user || user.disabled === 1)
    throw new LoginError('ERR_SESSION_EXPIRED', '登录已失效，请重新登录。');
  return user;
}

/** Second step: a TOTP code or an unused recovery code (single use). Returns the full session. */
export async function secondFactorSignIn(
  ctx: AppContext,
  input: { sessionId: string; code: string } & ClientInfo,
): Promise<NewSession> {
  const client = { ip: input.ip, userAgent: input.userAgent };
  const user = await pendingUser(ctx, input.sessionId);
  if (isLocked(user.locked_until, ctx.now())) throw lockedError(ctx);
  let how: string | null = null;
  if (/^\d{6}$/.test(input.code) && user.totp_enabled === 1 && user.totp_secret) {
    const step = await totpStep(
      decryptField(ctx.fieldKeys, user.totp_secret),
      input.code,
      ctx.now(),
    );
    // Each code signs in once (ASVS 2.8.4): claim its step atomically, so a code seen over a
    // shoulder or replayed from a log is refused even within its 30-second window.
    if (step !== null && (await repo.claimTotpStep(ctx.db, user.id, step))) how = 'totp';
  } else if (user.totp_enabled === 1) {
    if (
      await repo.useRecoveryCode(ctx.db, user.id, recoveryCodeHash(input.code), isoNow(ctx.now()))
    )
      how = 'recovery_code';
  }
  if (!how) {
    if (await recordFailure(ctx, user, user.username, client)) throw lockedError(ctx);
    throw new ValidationError(
      { code: '验证码不正确，请重新输入' },
      '验证码不正确。',
      'ERR_CODE_INVALID',
    );
  }
  return completeSignIn(ctx, user, input.sessionId, client, how);
}
