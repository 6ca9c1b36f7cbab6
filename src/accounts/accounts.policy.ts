import { rolesOver, type Actor, type OrgScope, type Role } from '../platform/authz.js';

/**
 * Who may manage accounts. A platform admin may do everything. An org_admin may manage users and
 * grant org roles (never platform admin) in its own org and its descendant orgs. Nobody else may
 * manage accounts.
 */
export type AccountsAction =
  | 'user.list'
  | 'user.view'
  | 'user.create'
  | 'user.update'
  | 'user.reset_password'
  | 'user.assign_role';

/** A user as a resource: platform admin or not, and the orgs where it holds roles. */
export interface UserResource {
  kind: 'user';
  isPlatformAdmin: boolean;
  orgs: OrgScope[];
}

/** A role grant as a resource: the role (or platform admin) and the org it applies to. */
export interface GrantResource {
  kind: 'grant';
  role: Role | 'platform_admin';
  org: OrgScope | null;
}

export type AccountsResource = UserResource | GrantResource | { kind: 'none' };

/** True when the actor holds org_admin at the org or at one of its ancestors. */
function administers(actor: Actor, scope: OrgScope): boolean {
  const { own, parent } = rolesOver(actor, scope);
  return own.has('org_admin') || parent.has('org_admin');
}

/** Decides whether `actor` may perform `action` on `resource`. */
export function can(actor: Actor, action: AccountsAction, resource: AccountsResource): boolean {
  if (actor.isPlatformAdmin) return true;
  const isOrgAdmin = actor.grants.some((g) => g.role === 'org_admin');
  if (!isOrgAdmin) return false;
  switch (action) {
    case 'user.list':
      return true;
    case 'user.view':
      // Seeing a user needs one of its roles in the actor's orgs.
      return (
        resource.kind === 'user' &&
        !resource.isPlatformAdmin &&
        resource.orgs.some((o) => administers(actor, o))
      );
    case 'user.create':
    case 'user.update':
    case 'user.reset_password':
      // Changing a user needs all of its roles in the actor's orgs, so a local admin cannot take
      // over an account that holds power elsewhere.
      return (
        resource.kind === 'user' &&
        !resource.isPlatformAdmin &&
        resource.orgs.length > 0 &&
        resource.orgs.every((o) => administers(actor, o))
      );
    case 'user.assign_role':
      return (
        resource.kind === 'grant' &&
        resource.role !== 'platform_admin' &&
        resource.org !== null &&
        administers(actor, resource.org)
      );
  }
}
