import { describe, expect, it } from 'vitest';
import { ROLES, type Actor } from '../platform/authz.js';
import { can, type CalendarAction } from './calendar.policy.js';

const actor = (over: Partial<Actor>): Actor => ({
  userId: 1,
  username: 'u',
  isPlatformAdmin: false,
  grants: [],
  ...over,
});

describe('calendar policy (REGULATIONS §6.2: only platform administrators change the calendar)', () => {
  const cases: Array<[string, Actor, CalendarAction, boolean]> = [
    ['platform admin', actor({ isPlatformAdmin: true }), 'view', true],
    ['platform admin', actor({ isPlatformAdmin: true }), 'edit', true],
    ['staff without roles', actor({}), 'view', true],
    ['staff without roles', actor({}), 'edit', false],
    ...ROLES.flatMap((role): Array<[string, Actor, CalendarAction, boolean]> => [
      [role, actor({ grants: [{ orgId: 1, role }] }), 'view', true],
      [role, actor({ grants: [{ orgId: 1, role }] }), 'edit', false],
    ]),
  ];
  it.each(cases)('%s may %s: %s', (_who, a, action, allowed) => {
    expect(can(a, action)).toBe(allowed);
  });
});
