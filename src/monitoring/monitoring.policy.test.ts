import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../platform/authz.js';
import { can, type MonitoringAction } from './monitoring.policy.js';

const OWN = 10;
const PARENT = 1;
const OTHER = 99;
const scope = { orgId: OWN, ancestorIds: [PARENT] };
const actor = (orgId: number, role: Role): Actor => ({
  userId: 5,
  username: 'u',
  isPlatformAdmin: false,
  grants: [{ orgId, role }],
});
const platform: Actor = { userId: 1, username: 'p', isPlatformAdmin: true, grants: [] };

describe('monitoring policy (role × action × own/parent/other org)', () => {
  const cases: Array<[string, Actor, Record<MonitoringAction, boolean>]> = [
    [
      'platform admin',
      platform,
      {
        read: true,
        scan: true,
        edit_register: true,
        configure: true,
        scan_all: true,
        whitelist: true,
      },
    ],
    [
      'org_admin of the org',
      actor(OWN, 'org_admin'),
      {
        read: true,
        scan: true,
        edit_register: true,
        configure: true,
        scan_all: false,
        whitelist: true,
      },
    ],
    [
      'editor of the org',
      actor(OWN, 'editor'),
      {
        read: true,
        scan: false,
        edit_register: false,
        configure: false,
        scan_all: false,
        whitelist: false,
      },
    ],
    [
      'case worker of the org',
      actor(OWN, 'case_worker'),
      {
        read: true,
        scan: false,
        edit_register: false,
        configure: false,
        scan_all: false,
        whitelist: false,
      },
    ],
    [
      'org_admin of the parent',
      actor(PARENT, 'org_admin'),
      {
        read: true,
        scan: false,
        edit_register: false,
        configure: true,
        scan_all: false,
        whitelist: false,
      },
    ],
    [
      'supervisor of the parent',
      actor(PARENT, 'supervisor'),
      {
        read: true,
        scan: false,
        edit_register: false,
        configure: false,
        scan_all: false,
        whitelist: false,
      },
    ],
    [
      'editor of the parent',
      actor(PARENT, 'editor'),
      {
        read: false,
        scan: false,
        edit_register: false,
        configure: false,
        scan_all: false,
        whitelist: false,
      },
    ],
    [
      'org_admin of another org',
      actor(OTHER, 'org_admin'),
      {
        read: false,
        scan: false,
        edit_register: false,
        configure: false,
        scan_all: false,
        whitelist: false,
      },
    ],
  ];
  for (const [who, a, expected] of cases)
    it(`${who}: ${JSON.stringify(expected)}`, () => {
      for (const [action, allowed] of Object.entries(expected))
        expect(can(a, action as MonitoringAction, scope), action).toBe(allowed);
    });
});
