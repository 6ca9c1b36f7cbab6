import { describe, expect, it } from 'vitest';
import type { Actor, OrgScope, Role } from '../platform/authz.js';
import { can, type CatalogueAction } from './catalogue.policy.js';

// Tree: 1 (the actor's org) → 2 (child); 9 is unrelated.
const scopes: Record<'own' | 'child' | 'unrelated', OrgScope> = {
  own: { orgId: 1, ancestorIds: [] },
  child: { orgId: 2, ancestorIds: [1] },
  unrelated: { orgId: 9, ancestorIds: [] },
};

function actorWith(role: Role | 'platform_admin'): Actor {
  if (role === 'platform_admin')
    return { userId: 1, username: 'pa', isPlatformAdmin: true, grants: [] };
  return { userId: 2, username: role, isPlatformAdmin: false, grants: [{ orgId: 1, role }] };
}

const ALL = [true, true, true] as const;
const OWN = [true, false, false] as const;
const NONE = [false, false, false] as const;
const TREE = [true, true, false] as const;
type Triple = readonly [boolean, boolean, boolean];

//                 own, child, unrelated
const expectations: Record<Role | 'platform_admin', Record<CatalogueAction, Triple>> = {
  platform_admin: {
    read: ALL,
    draft: ALL,
    review: ALL,
    publish: ALL,
    withdraw: ALL,
    rereview: ALL,
    manage_columns: ALL,
  },
  org_admin: {
    read: TREE,
    draft: NONE,
    review: NONE,
    publish: OWN,
    withdraw: OWN,
    rereview: NONE,
    manage_columns: TREE,
  },
  editor: {
    read: OWN,
    draft: OWN,
    review: NONE,
    publish: NONE,
    withdraw: NONE,
    rereview: NONE,
    manage_columns: NONE,
  },
  reviewer: {
    read: OWN,
    draft: NONE,
    review: OWN,
    publish: OWN,
    withdraw: OWN,
    rereview: OWN,
    manage_columns: NONE,
  },
  supervisor: {
    read: TREE,
    draft: NONE,
    review: NONE,
    publish: NONE,
    withdraw: NONE,
    rereview: NONE,
    manage_columns: NONE,
  },
  case_worker: {
    read: OWN,
    draft: NONE,
    review: NONE,
    publish: NONE,
    withdraw: NONE,
    rereview: NONE,
    manage_columns: NONE,
  },
  approver: {
    read: OWN,
    draft: NONE,
    review: NONE,
    publish: NONE,
    withdraw: NONE,
    rereview: NONE,
    manage_columns: NONE,
  },
};

describe('catalogue policy', () => {
  const rows: Array<[string, CatalogueAction, keyof typeof scopes, boolean]> = [];
  for (const [role, actions] of Object.entries(expectations))
    for (const [action, triple] of Object.entries(actions) as Array<[CatalogueAction, Triple]>)
      (['own', 'child', 'unrelated'] as const).forEach((where, i) =>
        rows.push([role, action, where, triple[i] ?? false]),
      );

  it.each(rows)('%s may %s in an %s org: %s', (role, action, where, expected) => {
    expect(can(actorWith(role as Role | 'platform_admin'), action, scopes[where])).toBe(expected);
  });

  it('gives nothing to a user without roles', () => {
    const nobody: Actor = { userId: 3, username: 'x', isPlatformAdmin: false, grants: [] };
    expect(can(nobody, 'read', scopes.own)).toBe(false);
  });
});
