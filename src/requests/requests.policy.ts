import { rolesOver, type Actor, type OrgScope } from '../platform/authz.js';

/**
 * Who may do what with applications (依申请公开) and appeals. Personal data of applicants is
 * seen only by staff of the org that must answer (条例第二十九条 data; 个人信息保护法 最小必要):
 *
 * | action | who |
 * | --- | --- |
 * | `read` (lists, case page, masked) | case_worker, org_admin, approver of the org; org_admin or supervisor of a parent org; platform admin |
 * | `handle` (register, confirm, events, assign, notes, appeals) | case_worker, org_admin of the org; org_admin of a parent org; platform admin |
 * | `approve` (延长答复期限, 条例第三十三条第二款) | approver, org_admin of the org |
 * | `view_personal` (unmasked on the case page, audited) | case_worker, org_admin of the org itself |
 * | `privacy` (unmasked lists and exports, audited) | org_admin of the org itself |
 * | `configure` (letter templates, 复议机关/法院/文号前缀) | org_admin of the org; platform admin |
 *
 * The system actor (CLI, imports, demo; userId 0) may do everything. A platform admin runs the
 * platform but sees personal data masked like a supervisor: the privacy permission is the org's.
 */
export type RequestAction =
  'read' | 'handle' | 'approve' | 'view_personal' | 'privacy' | 'configure';

const isSystem = (actor: Actor): boolean => actor.isPlatformAdmin && actor.userId === 0;

/** Whether `actor` may perform `action` on the applications of the org placed at `scope`. */
export function can(actor: Actor, action: RequestAction, scope: OrgScope): boolean {
  if (isSystem(actor)) return true;
  const { own, parent } = rolesOver(actor, scope);
  switch (action) {
    case 'read':
      return (
        actor.isPlatformAdmin ||
        own.has('case_worker') ||
        own.has('org_admin') ||
        own.has('approver') ||
        parent.has('org_admin') ||
        parent.has('supervisor')
      );
    case 'handle':
      return (
        actor.isPlatformAdmin ||
        own.has('case_worker') ||
        own.has('org_admin') ||
        parent.has('org_admin')
      );
    case 'approve':
      return own.has('approver') || own.has('org_admin');
    case 'view_personal':
      return own.has('case_worker') || own.has('org_admin');
    case 'privacy':
      return own.has('org_admin');
    case 'configure':
      return actor.isPlatformAdmin || own.has('org_admin');
  }
}
