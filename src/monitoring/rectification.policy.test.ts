import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../platform/authz.js';
import { can, type RectificationAction } from './rectification.policy.js';

const ORG = 10;
const PARENT = 1;
const scope = { orgId: ORG, ancestorIds: [PARENT] };
const actor = (orgId: number, role: Role, userId = 5): Actor => ({
  userId,
  username: 'u',
  isPlatformAdmin: false,
  grants: [{ orgId, role }],
});

describe('rectification policy (role × action × own/parent/other org)', () => {
  const cases: Array<[string, Actor, RectificationAction, boolean, number | null]> = [
    ['own org_admin assigns', actor(ORG, 'org_admin'), 'assign', true, null],
    ['own editor cannot assign', actor(ORG, 'editor'), 'assign', false, null],
    ['parent org_admin ignores', actor(PARENT, 'org_admin'), 'ignore', true, null],
    ['parent supervisor cannot ignore', actor(PARENT, 'supervisor'), 'ignore', false, null],
    ['parent supervisor reads', actor(PARENT, 'supervisor'), 'read', true, null],
    ['parent editor cannot read', actor(PARENT, 'editor'), 'read', false, null],
    ['other org_admin cannot read', actor(99, 'org_admin'), 'read', false, null],
    ['assignee marks fixed', actor(ORG, 'editor', 7), 'fix', true, 7],
    ['another editor cannot mark fixed', actor(ORG, 'editor', 8), 'fix', false, 7],
    ['own org_admin marks fixed', actor(ORG, 'org_admin'), 'fix', true, 7],
    ['own editor comments', actor(ORG, 'editor'), 'comment', true, null],
    ['parent supervisor spot-checks', actor(PARENT, 'supervisor'), 'spot_check', true, null],
    ['own editor cannot spot-check', actor(ORG, 'editor'), 'spot_check', false, null],
    ['own supervisor supervises', actor(ORG, 'supervisor'), 'supervise', true, null],
    ['own editor cannot supervise', actor(ORG, 'editor'), 'supervise', false, null],
  ];
  it.each(cases)('%s', (_, a, action, expected, assignee) => {
    expect(can(a, action, scope, assignee)).toBe(expected);
  });
  it('platform admin may do everything', () => {
    expect(
      can({ userId: 1, username: 'p', isPlatformAdmin: true, grants: [] }, 'ignore', scope),
    ).toBe(true);
  });
});

describe('finding facts for people', () => {
  it('labels known keys, joins lists and shows booleans in Chinese', async () => {
    const { detailRows } = await import('./rectification.model.js');
    expect(
      detailRows({
        url: 'https://a/',
        on_home: true,
        pages: ['p1', 'p2'],
        custom: { a: 1 },
        x: null,
      }),
    ).toEqual([
      ['网址', 'https://a/'],
      ['位于首页', '是'],
      ['所在页面', 'p1、p2'],
      ['custom', '{"a":1}'],
      ['x', '—'],
    ]);
  });
});
