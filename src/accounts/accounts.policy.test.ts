import { describe, expect, it } from 'vitest';
import { ROLES, type Actor, type OrgScope, type Role } from '../platform/authz.js';
import { can, type AccountsAction, type AccountsResource } from './accounts.policy.js';

// Org tree: 1 (actor's org) → 2 (child) → 3 (grandchild); 9 unrelated.
const OWN: OrgScope = { orgId: 1, ancestorIds: [] };
const CHILD: OrgScope = { orgId: 2, ancestorIds: [1] };
const GRANDCHILD: OrgScope = { orgId: 3, ancestorIds: [2, 1] };
const OTHER: OrgScope = { orgId: 9, ancestorIds: [] };
const PLACES = { own: OWN, child: CHILD, grandchild: GRANDCHILD, unrelated: OTHER } as const;
type Place = keyof typeof PLACES;

const actorWith = (role: Role | 'platform_admin'): Actor =>
  role === 'platform_admin'
    ? { userId: 1, username: 'p', isPlatformAdmin: true, grants: [] }
    : { userId: 1, username: 'a', isPlatformAdmin: false, grants: [{ orgId: 1, role }] };

const userIn = (scope: OrgScope): AccountsResource => ({
  kind: 'user',
  isPlatformAdmin: false,
  orgs: [scope],
});
const grantIn = (scope: OrgScope): AccountsResource => ({
  kind: 'grant',
  role: 'editor',
  org: scope,
});

const ACTIONS: Array<[AccountsAction, (s: OrgScope) => AccountsResource]> = [
  ['user.view', userIn],
  ['user.create', userIn],
  ['user.update', userIn],
  ['user.reset_password', userIn],
  ['user.assign_role', grantIn],
];

// Expected: platform admin everywhere; org_admin in own org and below; nobody else anywhere.
const expected = (role: Role | 'platform_admin', place: Place): boolean =>
  role === 'platform_admin' || (role === 'org_admin' && place !== 'unrelated');

describe('accounts policy', () => {
  for (const role of ['platform_admin', ...ROLES] as const) {
    for (const [action, resourceAt] of ACTIONS) {
      for (const place of Object.keys(PLACES) as Place[]) {
        const allowed = expected(role, place);
        it(`${allowed ? 'lets' : 'forbids'} ${role} ${action} in the ${place} org`, () => {
          expect(can(actorWith(role), action, resourceAt(PLACES[place]))).toBe(allowed);
        });
      }
    }
    it(`${role === 'platform_admin' || role === 'org_admin' ? 'lets' : 'forbids'} ${role} list users`, () => {
      expect(can(actorWith(role), 'user.list', { kind: 'none' })).toBe(
        role === 'platform_admin' || role === 'org_admin',
      );
    });
  }

  it('forbids an org_admin to grant platform admin', () => {
    expect(
      can(actorWith('org_admin'), 'user.assign_role', {
        kind: 'grant',
        role: 'platform_admin',
        org: null,
      }),
    ).toBe(false);
  });

  it('forbids an org_admin to change a platform admin even in its own org', () => {
    const res: AccountsResource = { kind: 'user', isPlatformAdmin: true, orgs: [OWN] };
    expect(can(actorWith('org_admin'), 'user.update', res)).toBe(false);
  });

  it('forbids an org_admin to change a user who also holds a role in an unrelated org', () => {
    const res: AccountsResource = { kind: 'user', isPlatformAdmin: false, orgs: [CHILD, OTHER] };
    expect(can(actorWith('org_admin'), 'user.update', res)).toBe(false);
    expect(can(actorWith('org_admin'), 'user.view', res)).toBe(true);
  });

  it('forbids an org_admin to create a user without any role in its orgs', () => {
    expect(
      can(actorWith('org_admin'), 'user.create', {
        kind: 'user',
        isPlatformAdmin: false,
        orgs: [],
      }),
    ).toBe(false);
  });
});
