import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../platform/authz.js';
import { can, type ReportAction } from './reports.policy.js';

const ORG = 10;
const PARENT = 1;
const scope = { orgId: ORG, ancestorIds: [PARENT] };
const actor = (role: Role | 'platform_admin' | null, orgId = ORG): Actor => ({
  userId: 5,
  username: 'u',
  isPlatformAdmin: role === 'platform_admin',
  grants: role === null || role === 'platform_admin' ? [] : [{ orgId, role }],
});

type Row = [string, Actor, Record<ReportAction, boolean>];
const all = (v: boolean) => ({ read: v, edit: v, publish: v, supervise: v });

const table: Row[] = [
  ['platform admin', actor('platform_admin'), all(true)],
  ['org_admin of the org', actor('org_admin'), all(true)],
  [
    'approver of the org',
    actor('approver'),
    { read: true, edit: true, publish: true, supervise: false },
  ],
  [
    'editor of the org',
    actor('editor'),
    { read: true, edit: false, publish: false, supervise: false },
  ],
  [
    'case worker of the org',
    actor('case_worker'),
    { read: true, edit: false, publish: false, supervise: false },
  ],
  [
    'supervisor of the org',
    actor('supervisor'),
    { read: true, edit: false, publish: false, supervise: true },
  ],
  ['org_admin of the parent', actor('org_admin', PARENT), all(true)],
  [
    'supervisor of the parent',
    actor('supervisor', PARENT),
    { read: true, edit: false, publish: false, supervise: true },
  ],
  ['editor of the parent', actor('editor', PARENT), all(false)],
  ['org_admin of another org', actor('org_admin', 99), all(false)],
  ['nobody', actor(null), all(false)],
];

describe('reports policy', () => {
  for (const [who, a, expected] of table) {
    for (const action of Object.keys(expected) as ReportAction[]) {
      it(`${expected[action] ? 'lets' : 'does not let'} the ${who} ${action}`, () => {
        expect(can(a, action, scope)).toBe(expected[action]);
      });
    }
  }
});
