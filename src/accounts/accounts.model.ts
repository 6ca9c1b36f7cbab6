import { ROLES, type Actor, type OrgScope, type Role, type RoleGrant } from '../platform/authz.js';

/** Pure rules of the accounts domain: actors from rows, org scopes, lockout. */

/** True when `value` is one of the org roles. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The actor of a user row and its role rows (rows with no org or an unknown role are ignored). */
export function actorOf(
  user: { id: number; username: string; is_platform_admin: number },
  grants: Array<{ org_id: number | null; role: string }>,
): Actor {
  const roleGrants: RoleGrant[] = [];
  for (const g of grants) {
    if (g.org_id !== null && isRole(g.role)) roleGrants.push({ orgId: g.org_id, role: g.role });
  }
  return {
    userId: user.id,
    username: user.username,
    isPlatformAdmin: user.is_platform_admin === 1,
    grants: roleGrants,
  };
}

/** Places an org in the tree: the org and its ancestors, nearest first (cycles are cut). */
export function scopeFor(
  orgs: Array<{ id: number; parent_id: number | null }>,
  orgId: number,
): OrgScope {
  const parent = new Map(orgs.map((o) => [o.id, o.parent_id]));
  const ancestorIds: number[] = [];
  let current = parent.get(orgId) ?? null;
  while (current !== null && !ancestorIds.includes(current) && current !== orgId) {
    ancestorIds.push(current);
    current = parent.get(current) ?? null;
  }
  return { orgId, ancestorIds };
}

/** Whether an account is locked at `now` (locked_until in the future). */
export function isLocked(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && new Date(lockedUntil).getTime() > now.getTime();
}

/**
 * The bookkeeping after a wrong password: the consecutive-failure count, and the lock end when the
 * count reaches `maxFailures` (等保: 登录失败处理, lock for `lockMinutes`).
 */
export function afterFailure(
  failedLogins: number,
  now: Date,
  maxFailures: number,
  lockMinutes: number,
): { failedLogins: number; lockedUntil: string | null } {
  const count = failedLogins + 1;
  if (count >= maxFailures) {
    return {
      failedLogins: 0,
      lockedUntil: new Date(now.getTime() + lockMinutes * 60_000).toISOString(),
    };
  }
  return { failedLogins: count, lockedUntil: null };
}
