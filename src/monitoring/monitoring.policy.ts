import { rolesOver, type Actor, type OrgScope } from '../platform/authz.js';

/**
 * Who may do what with an org's monitoring (REGULATIONS.md §7): the overview, link-check runs,
 * the 政务新媒体 register and the thresholds.
 *
 * | action | who |
 * | --- | --- |
 * | `read` (overview, link runs, register, thresholds) | any role at the org (org_admin, editors, …); org_admin or supervisor of a parent org; platform admin |
 * | `scan` (立即检查, start a link check, re-check a finding) | org_admin of the org; platform admin |
 * | `edit_register` (add, edit, close 政务新媒体) | org_admin of the org; platform admin |
 * | `configure` (thresholds) | org_admin of the org or of a parent; platform admin |
 * | `scan_all` (every org at once; scope ignored) | platform admin |
 * | `whitelist` (list and remove the org's content-check whitelist) | org_admin of the org; platform admin |
 *
 * `read` matches rectification.policy.ts so the overview and the findings list open to the
 * same people.
 */
export type MonitoringAction =
  'read' | 'scan' | 'edit_register' | 'configure' | 'scan_all' | 'whitelist';

/** Whether `actor` may perform `action` on the monitoring of the org placed at `scope`. */
export function can(actor: Actor, action: MonitoringAction, scope: OrgScope): boolean {
  if (actor.isPlatformAdmin) return true;
  const { own, parent } = rolesOver(actor, scope);
  switch (action) {
    case 'read':
      return own.size > 0 || parent.has('org_admin') || parent.has('supervisor');
    case 'scan':
    case 'edit_register':
    case 'whitelist':
      return own.has('org_admin');
    case 'configure':
      return own.has('org_admin') || parent.has('org_admin');
    case 'scan_all':
      return false;
  }
}
