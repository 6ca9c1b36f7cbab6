/**
 * Who is acting, and the shared vocabulary of roles. Each domain has its own `*.policy.ts` with
 * `can(actor, action, resource)`; they all use `relation()` to place a resource's org relative to
 * the orgs where the actor holds a role.
 */
export const ROLES = [
  'org_admin',
  'case_worker',
  'editor',
  'reviewer',
  'approver',
  'supervisor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role | 'platform_admin', string> = {
  platform_admin: '平台管理员',
  org_admin: '单位管理员',
  case_worker: '依申请公开承办人',
  editor: '信息员',
  reviewer: '审核人',
  approver: '工作机构负责人',
  supervisor: '监督单位',
};

export interface RoleGrant {
  orgId: number;
  role: Role;
}

export interface Actor {
  userId: number;
  username: string;
  isPlatformAdmin: boolean;
  grants: RoleGrant[];
  /** Signed in without a second factor (only the demo admin may defer enrolment). */
  totpDeferred?: boolean;
}

/** The system itself (CLI, jobs, imports): allowed everything, recorded under its name. */
export function systemActor(name = 'system'): Actor {
  return { userId: 0, username: name, isPlatformAdmin: true, grants: [] };
}

/** A resource placed in the org tree: its org id and that org's ancestors (nearest first). */
export interface OrgScope {
  orgId: number;
  ancestorIds: number[];
}

/**
 * Roles the actor holds over a resource: `own` from grants at the resource's org, `parent` from
 * grants at one of its ancestors (a supervising org reaching a child org).
 */
export function rolesOver(actor: Actor, scope: OrgScope): { own: Set<Role>; parent: Set<Role> } {
  const own = new Set<Role>();
  const parent = new Set<Role>();
  for (const g of actor.grants) {
    if (g.orgId === scope.orgId) own.add(g.role);
    else if (scope.ancestorIds.includes(g.orgId)) parent.add(g.role);
  }
  return { own, parent };
}
