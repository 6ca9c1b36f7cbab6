import { rolesOver, type Actor, type OrgScope } from '../platform/authz.js';

/**
 * Who may do what with an org's monitoring findings (rectification tasks), spot checks (抽查),
 * scores (绩效考核) and self-inspection reports (自查报告), REGULATIONS.md §7.1:
 *
 * | action | who |
 * | --- | --- |
 * | `read` (findings, history, scores, 自查报告) | any role at the org; org_admin or supervisor of a parent org; platform admin |
 * | `assign`, `ignore` | org_admin of the org or of a parent; platform admin |
 * | `fix` (mark fixed) | the task's assignee; org_admin of the org or of a parent; platform admin |
 * | `comment` | whoever may read |
 * | `spot_check` (create, record results, close) | org_admin of the org; org_admin or supervisor of a parent; platform admin |
 * | `supervise` (ranking of the children; scope = the supervising org) | org_admin or supervisor of the org or of a parent; platform admin |
 */
export type RectificationAction =
  'read' | 'assign' | 'ignore' | 'fix' | 'comment' | 'spot_check' | 'supervise';

/** Whether `actor` may perform `action` in the org placed at `scope`; `assigneeId` for `fix`. */
export function can(
  actor: Actor,
  action: RectificationAction,
  scope: OrgScope,
  assigneeId: number | null = null,
): boolean {
  if (actor.isPlatformAdmin) return true;
  const { own, parent } = rolesOver(actor, scope);
  const admin = own.has('org_admin') || parent.has('org_admin');
  switch (action) {
    case 'read':
    case 'comment':
      return own.size > 0 || parent.has('org_admin') || parent.has('supervisor');
    case 'assign':
    case 'ignore':
      return admin;
    case 'fix':
      return admin || (assigneeId !== null && assigneeId === actor.userId);
    case 'spot_check':
      return admin || parent.has('supervisor');
    case 'supervise':
      return admin || own.has('supervisor') || parent.has('supervisor');
  }
}
