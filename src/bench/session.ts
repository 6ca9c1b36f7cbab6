import { insertSession } from '../accounts/accounts.repository.js';
import type { Role } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { encryptField, randomToken, sha256Hex } from '../platform/crypto/sm.js';
import { isoNow } from '../platform/time.js';

/**
 * A signed-in bench user without going through the login form: the user (TOTP enrolled), its
 * role grants, and a session row with both factors given, exactly as auth.service.ts writes one
 * after the password and the TOTP code. Returns the Cookie header value for requests.
 */
export async function benchSession(
  ctx: AppContext,
  username: string,
  grants: Array<{ orgCode: string; role: Role }>,
): Promise<{ userId: number; cookie: string }> {
  const now = isoNow(ctx.now());
  const existing = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  const userId =
    existing?.id ??
    (
      await ctx.db
        .insertInto('users')
        .values({
          username,
          display_name: `压测用户 ${username}`,
          email: null,
          // Not a valid password hash: this user can only use the session made here.
          password_hash: 'bench:no-password-login',
          is_platform_admin: 0,
          totp_secret: encryptField(ctx.fieldKeys, 'JBSWY3DPEHPK3PXP'),
          totp_enabled: 1,
          totp_may_defer: 0,
          failed_logins: 0,
          locked_until: null,
          disabled: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  await ctx.db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  for (const g of grants) {
    const org = await ctx.db
      .selectFrom('orgs')
      .select('id')
      .where('code', '=', g.orgCode)
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('user_roles')
      .values({ user_id: userId, org_id: org.id, role: g.role })
      .execute();
  }
  const token = randomToken(32);
  await insertSession(ctx.db, {
    id: sha256Hex(token),
    userId,
    secondFactor: true,
    now,
    expiresAt: isoNow(new Date(ctx.now().getTime() + 12 * 3600_000)),
    ip: '127.0.0.1',
    userAgent: 'gongkai-bench',
  });
  return { userId, cookie: `gk_session=${token}` };
}
