import type { Actor, OrgScope, Role } from '../platform/authz.js';
import { systemActor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import type { Conn } from '../platform/db/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { audit } from '../platform/audit/audit.service.js';
import { isoNow } from '../platform/time.js';
import { can, type UserResource } from './accounts.policy.js';
import { isLocked, isRole, scopeFor } from './accounts.model.js';
import * as repo from './accounts.repository.js';
import type { UserCreateInput, UserUpdateInput } from './accounts.schema.js';
import { generatePassword, hashPassword } from './credentials.js';

/** Use cases of user management. Every change checks the policy and is audited in its transaction. */

/** A user as shown in the back office (never the password hash or TOTP secret). */
export interface UserView {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  isPlatformAdmin: boolean;
  disabled: boolean;
  locked: boolean;
  totpEnabled: boolean;
  grants: Array<{ orgId: number; orgName: string; role: Role }>;
}

type OrgRow = Awaited<ReturnType<typeof repo.listOrgs>>[number];
type Grant = { orgId: number; role: string };

const MASKED = '[已修改]';

function present(
  ctx: AppContext,
  user: repo.UserRow,
  grants: repo.GrantRow[],
  orgs: OrgRow[],
): UserView {
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    email: user.email,
    isPlatformAdmin: user.is_platform_admin === 1,
    disabled: user.disabled === 1,
    locked: isLocked(user.locked_until, ctx.now()),
    totpEnabled: user.totp_enabled === 1,
    grants: grants.flatMap((g) =>
      g.org_id !== null && isRole(g.role)
        ? [{ orgId: g.org_id, orgName: names.get(g.org_id) ?? `#${g.org_id}`, role: g.role }]
        : [],
    ),
  };
}

function resourceOf(orgs: OrgRow[], isPlatformAdmin: boolean, grants: Grant[]): UserResource {
  const ids = [...new Set(grants.map((g) => g.orgId))];
  return { kind: 'user', isPlatformAdmin, orgs: ids.map((id) => scopeFor(orgs, id)) };
}

const grantKey = (g: Grant) => `${g.orgId}:${g.role}`;
const rolesText = (grants: Grant[]) => grants.map(grantKey).sort().join(', ');
const asGrants = (rows: repo.GrantRow[]): Grant[] =>
  rows.flatMap((g) => (g.org_id === null ? [] : [{ orgId: g.org_id, role: g.role }]));

/** Checks every grant added or removed, and that the orgs exist. */
function checkGrantChanges(actor: Actor, orgs: OrgRow[], before: Grant[], after: Grant[]): void {
  const known = new Set(orgs.map((o) => o.id));
  const beforeKeys = new Set(before.map(grantKey));
  const afterKeys = new Set(after.map(grantKey));
  for (const g of after) {
    if (!known.has(g.orgId)) throw new ValidationError({ grant: '所选单位不存在' });
  }
  const changed = [
    ...after.filter((g) => !beforeKeys.has(grantKey(g))),
    ...before.filter((g) => !afterKeys.has(grantKey(g))),
  ];
  for (const g of changed) {
    const scope: OrgScope = scopeFor(orgs, g.orgId);
    if (
      !isRole(g.role) ||
      !can(actor, 'user.assign_role', { kind: 'grant', role: g.role, org: scope })
    ) {
      throw new ForbiddenError();
    }
  }
}

const dedupe = (grants: Grant[]): Grant[] => [
  ...new Map(grants.map((g) => [grantKey(g), g])).values(),
];

/** Creates a user with its roles; returns its id and the initial password (generated if none). */
export async function createUser(
  ctx: AppContext,
  actor: Actor,
  input: UserCreateInput & { totpMayDefer?: boolean },
): Promise<{ id: number; password: string; generated: boolean }> {
  const grants = dedupe(input.grant);
  const orgs = await repo.listOrgs(ctx.db);
  if (!can(actor, 'user.create', resourceOf(orgs, input.platform_admin, grants)))
    throw new ForbiddenError();
  if (
    input.platform_admin &&
    !can(actor, 'user.assign_role', { kind: 'grant', role: 'platform_admin', org: null })
  ) {
    throw new ForbiddenError();
  }
  checkGrantChanges(actor, orgs, [], grants);
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const now = isoNow(ctx.now());
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (await repo.findUserByUsername(trx, input.username)) {
      throw new ValidationError({ username: '该用户名已被使用' }, undefined, 'ERR_USERNAME_TAKEN');
    }
    const userId = await repo.insertUser(trx, {
      username: input.username,
      display_name: input.display_name,
      email: input.email,
      password_hash: passwordHash,
      is_platform_admin: input.platform_admin ? 1 : 0,
      totp_secret: null,
      totp_enabled: 0,
      totp_may_defer: input.totpMayDefer ? 1 : 0,
      failed_logins: 0,
      locked_until: null,
      disabled: 0,
      created_at: now,
      updated_at: now,
    });
    await repo.replaceGrants(trx, userId, grants);
    await audit(ctx, trx, actor, {
      orgId: grants[0]?.orgId ?? null,
      action: 'user.create',
      targetType: 'user',
      targetId: userId,
      after: {
        username: input.username,
        display_name: input.display_name,
        email: input.email,
        is_platform_admin: input.platform_admin,
        roles: rolesText(grants),
        password: MASKED,
      },
    });
    return userId;
  });
  return { id, password, generated: input.password === undefined };
}

async function loadManaged(ctx: AppContext, db: Conn, id: number) {
  const user = await repo.findUserById(db, id);
  if (!user) throw new NotFoundError('ERR_USER_NOT_FOUND', '用户不存在。');
  const grants = asGrants(await repo.grantsOf(db, id));
  const orgs = await repo.listOrgs(db);
  return { user, grants, orgs, resource: resourceOf(orgs, user.is_platform_admin === 1, grants) };
}

/** Updates a user's details, disabled flag, platform admin flag and roles. */
export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: UserUpdateInput,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { user, grants, orgs, resource } = await loadManaged(ctx, trx, id);
    if (!can(actor, 'user.update', resource)) throw new ForbiddenError();
    const next = dedupe(input.grant);
    checkGrantChanges(actor, orgs, grants, next);
    const wasAdmin = user.is_platform_admin === 1;
    if (
      wasAdmin !== input.platform_admin &&
      !can(actor, 'user.assign_role', { kind: 'grant', role: 'platform_admin', org: null })
    ) {
      throw new ForbiddenError();
    }
    if (user.id === actor.userId && ((wasAdmin && !input.platform_admin) || input.disabled)) {
      throw new ValidationError(
        { disabled: '不能停用自己的账户或取消自己的平台管理员身份' },
        undefined,
        'ERR_SELF_LOCKOUT',
      );
    }
    const before = {
      display_name: user.display_name,
      email: user.email,
      disabled: user.disabled === 1,
      is_platform_admin: wasAdmin,
      roles: rolesText(grants),
    };
    const after = {
      display_name: input.display_name,
      email: input.email,
      disabled: input.disabled,
      is_platform_admin: input.platform_admin,
      roles: rolesText(next),
    };
    await repo.updateUser(trx, id, {
      display_name: input.display_name,
      email: input.email,
      disabled: input.disabled ? 1 : 0,
      is_platform_admin: input.platform_admin ? 1 : 0,
      updated_at: isoNow(ctx.now()),
    });
    if (before.roles !== after.roles) await repo.replaceGrants(trx, id, next);
    if (input.disabled) await repo.deleteUserSessions(trx, id);
    await audit(ctx, trx, actor, {
      orgId: next[0]?.orgId ?? grants[0]?.orgId ?? null,
      action: before.roles !== after.roles ? 'user.assign_role' : 'user.update',
      targetType: 'user',
      targetId: id,
      before,
      after,
    });
  });
}

/** Sets a new generated password, unlocks the account and ends its sessions; returns the password. */
export async function resetPassword(ctx: AppContext, actor: Actor, id: number): Promise<string> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    const { grants, resource } = await loadManaged(ctx, trx, id);
    if (!can(actor, 'user.reset_password', resource)) throw new ForbiddenError();
    await repo.updateUser(trx, id, {
      password_hash: passwordHash,
      failed_logins: 0,
      locked_until: null,
      updated_at: isoNow(ctx.now()),
    });
    await repo.deleteUserSessions(trx, id);
    await audit(ctx, trx, actor, {
      orgId: grants[0]?.orgId ?? null,
      action: 'user.reset_password',
      targetType: 'user',
      targetId: id,
      before: { password: '' },
      after: { password: MASKED },
    });
  });
  return password;
}

/** The users the actor may see. */
export async function listUsersFor(ctx: AppContext, actor: Actor): Promise<UserView[]> {
  if (!can(actor, 'user.list', { kind: 'none' })) throw new ForbiddenError();
  const [users, orgs] = await Promise.all([repo.listUsers(ctx.db), repo.listOrgs(ctx.db)]);
  const all = await repo.grantsOfUsers(
    ctx.db,
    users.map((u) => u.id),
  );
  return users.flatMap((u) => {
    const rows = all.filter((g) => g.user_id === u.id);
    const visible = can(
      actor,
      'user.view',
      resourceOf(orgs, u.is_platform_admin === 1, asGrants(rows)),
    );
    return visible ? [present(ctx, u, rows, orgs)] : [];
  });
}

/** One user the actor may see, and whether the actor may change it. */
export async function getUserFor(
  ctx: AppContext,
  actor: Actor,
  id: number,
): Promise<{ user: UserView; canUpdate: boolean }> {
  const { user, resource, orgs } = await loadManaged(ctx, ctx.db, id);
  if (!can(actor, 'user.view', resource)) throw new ForbiddenError();
  return {
    user: present(ctx, user, await repo.grantsOf(ctx.db, id), orgs),
    canUpdate: can(actor, 'user.update', resource),
  };
}

/** The signed-in user's own details (for the home and account pages; no policy needed). */
export async function userSummary(ctx: AppContext, userId: number): Promise<UserView> {
  const user = await repo.findUserById(ctx.db, userId);
  if (!user) throw new NotFoundError('ERR_USER_NOT_FOUND', '用户不存在。');
  return present(ctx, user, await repo.grantsOf(ctx.db, userId), await repo.listOrgs(ctx.db));
}

/** Org ids by org code (for the CLI); unknown codes are absent from the map. */
export async function orgIdsByCode(ctx: AppContext, codes: string[]): Promise<Map<string, number>> {
  const orgs = await repo.listOrgs(ctx.db);
  return new Map(orgs.filter((o) => codes.includes(o.code)).map((o) => [o.code, o.id]));
}

/** Orgs where the actor may grant roles (rows of the role × org table). */
export async function assignableOrgs(
  ctx: AppContext,
  actor: Actor,
): Promise<Array<{ id: number; code: string; name: string }>> {
  const orgs = await repo.listOrgs(ctx.db);
  return orgs.filter((o) =>
    can(actor, 'user.assign_role', { kind: 'grant', role: 'editor', org: scopeFor(orgs, o.id) }),
  );
}

/**
 * Creates the demo platform admin `admin` (may defer TOTP enrolment) with a random one-time
 * password, returned for display; null when the user already exists.
 */
export async function ensureDemoAdmin(ctx: AppContext): Promise<string | null> {
  if (await repo.findUserByUsername(ctx.db, 'admin')) return null;
  const { password } = await createUser(ctx, systemActor('demo-seed'), {
    username: 'admin',
    display_name: '演示管理员',
    email: null,
    platform_admin: true,
    grant: [],
    totpMayDefer: true,
  });
  return password;
}
