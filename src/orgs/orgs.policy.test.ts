import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../platform/authz.js';
import { can, type OrgAction } from './orgs.policy.js';

// Tree: 1 (own org of the actor) → 2 (child); 9 is unrelated.
const OWN = { orgId: 1, ancestorIds: [] };
const CHILD = { orgId: 2, ancestorIds: [1] };
const UNRELATED = { orgId: 9, ancestorIds: [] };
const scopes = { own: OWN, child: CHILD, unrelated: UNRELATED } as const;

function actorWith(role: Role | 'platform_admin'): Actor {
  if (role === 'platform_admin')
    return { userId: 1, username: 'pa', isPlatformAdmin: true, grants: [] };
  return { userId: 2, username: role, isPlatformAdmin: false, grants: [{ orgId: 1, role }] };
}

type Row = [Role | 'platform_admin', OrgAction, keyof typeof scopes, boolean];
const table: Row[] = [];
const expectations: Record<
  Role | 'platform_admin',
  Record<OrgAction, [boolean, boolean, boolean]>
> = {
  //                 own,  child, unrelated
  platform_admin: {
    read: [true, true, true],
    update: [true, true, true],
    create_child: [true, true, true],
  },
  org_admin: {
    read: [true, true, false],
    update: [true, true, false],
    create_child: [true, true, false],
  },
  supervisor: {
    read: [true, true, false],
    update: [false, false, false],
    create_child: [false, false, false],
  },
  case_worker: {
    read: [true, false, false],
    update: [false, false, false],
    create_child: [false, false, false],
  },
  editor: {
    read: [true, false, false],
    update: [false, false, false],
    create_child: [false, false, false],
  },
  reviewer: {
    read: [true, false, false],
    update: [false, false, false],
    create_child: [false, false, false],
  },
  approver: {
    read: [true, false, false],
    update: [false, false, false],
    create_child: [false, false, false],
  },
};
for (const [role, actions] of Object.entries(expectations)) {
  for (const [action, results] of Object.entries(actions)) {
    (['own', 'child', 'unrelated'] as const).forEach((where, i) => {
      table.push([role as Row[0], action as OrgAction, where, results[i] ?? false]);
    });
  }
}

describe('orgs policy', () => {
  it.each(table)('%s may %s on the %s org: %s', (role, action, where, allowed) => {
    expect(can(actorWith(role), action, scopes[where])).toBe(allowed);
  });

  it('lets only platform admins create top-level orgs', () => {
    expect(can(actorWith('platform_admin'), 'create_child', null)).toBe(true);
    expect(can(actorWith('org_admin'), 'create_child', null)).toBe(false);
  });

  it('gives an actor without grants nothing', () => {
    const nobody: Actor = { userId: 3, username: 'n', isPlatformAdmin: false, grants: [] };
    expect(can(nobody, 'read', OWN)).toBe(false);
  });
});
