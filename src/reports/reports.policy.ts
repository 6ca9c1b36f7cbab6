import { rolesOver, type Actor, type OrgScope } from '../platform/authz.js';

/**
 * Who may do what with an org's annual report (条例第四十九条: a department submits its report to
 * the 政府信息公开工作主管部门 and publishes it; the supervising org oversees its children):
 *
 * | action | who |
 * | --- | --- |
 * | `read` (staff pages, drill-down) | any role at the org; org_admin or supervisor of a parent org; platform admin |
 * | `edit` (generate, text, figures, acknowledge, submit, amend, import earlier reports) | org_admin or approver of the org; org_admin of a parent org; platform admin |
 * | `publish` | the same as `edit` |
 * | `supervise` (the children's reports, sums, export; scope = the supervising org) | org_admin or supervisor of the org or of a parent; platform admin |
 */
export type ReportAction = 'read' | 'edit' | 'publish' | 'supervise';

/** Whether `actor` may perform `action` on the reports of the org placed at `scope`. */
export function can(actor: Actor, action: ReportAction, scope: OrgScope): boolean {
  if (actor.isPlatformAdmin) return true;
  const { own, parent } = rolesOver(actor, scope);
  switch (action) {
    case 'read':
      return own.size > 0 || parent.has('org_admin') || parent.has('supervisor');
    case 'edit':
    case 'publish':
      return own.has('org_admin') || own.has('approver') || parent.has('org_admin');
    case 'supervise':
      return (
        own.has('org_admin') ||
        own.has('supervisor') ||
        parent.has('org_admin') ||
        parent.has('supervisor')
      );
  }
}
