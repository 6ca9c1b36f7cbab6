import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../authz.js';
import { auditRootOrgIds, can } from './audit.policy.js';

// Org tree: 1 (city) → 2 (district) → 3 (bureau); 9 is an unrelated org.
const OWN = { orgId: 2, ancestorIds: [1] };
const CHILD = { orgId: 3, ancestorIds: [2, 1] };
const PARENT = { orgId: 1, ancestorIds: [] };
const OTHER = { orgId: 9, ancestorIds: [] };

function actorWith(role: Role | 'platform_admin' | null): Actor {
  if (role === 'platform_admin')
    return { userId: 1, username: 'admin', isPlatformAdmin: true, grants: [] };
  return {
    userId: 2,
    username: 'u',
    isPlatformAdmin: false,
    grants: role ? [{ orgId: 2, role }] : [],
  };
}

describe('audit policy', () => {
  const cases: Array<
    [Role | 'platform_admin' | null, boolean, boolean, boolean, boolean, boolean, boolean]
  > = [
    // role,          list,  own,   child, parent, other, no org
    ['platform_admin', true, true, true, true, true, true],
    ['org_admin', true, true, true, false, false, false],
    ['supervisor', true, true, true, false, false, false],
    ['case_worker', false, false, false, false, false, false],
    ['editor', false, false, false, false, false, false],
    ['reviewer', false, false, false, false, false, false],
    ['approver', false, false, false, false, false, false],
    [null, false, false, false, false, false, false],
  ];
  it.each(cases)(
    '%s at org 2: list %s, own %s, child %s, parent %s, other %s, no org %s',
    (role, list, own, child, parent, other, none) => {
      const actor = actorWith(role);
      expect(can(actor, 'audit.list')).toBe(list);
      expect(can(actor, 'audit.view', OWN)).toBe(own);
      expect(can(actor, 'audit.view', CHILD)).toBe(child);
      expect(can(actor, 'audit.view', PARENT)).toBe(parent);
      expect(can(actor, 'audit.view', OTHER)).toBe(other);
      expect(can(actor, 'audit.view', null)).toBe(none);
    },
  );

  it('reads the subtrees of every org where the actor is admin or supervisor', () => {
    const actor: Actor = {
      userId: 3,
      username: 'multi',
      isPlatformAdmin: false,
      grants: [
        { orgId: 7, role: 'supervisor' },
        { orgId: 4, role: 'org_admin' },
        { orgId: 4, role: 'supervisor' },
        { orgId: 5, role: 'editor' },
      ],
    };
    expect(auditRootOrgIds(actor)).toEqual([4, 7]);
    expect(auditRootOrgIds(actorWith('platform_admin'))).toBe('all');
  });
});
