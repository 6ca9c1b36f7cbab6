import { rolesOver, type Actor, type OrgScope } from '../platform/authz.js';

/**
 * Who may do what with organisations.
 * - platform admin: everything, including top-level orgs;
 * - org_admin: read and update their own org and its descendants, create orgs below them;
 * - supervisor (监督单位): read their own org and its descendants;
 * - any other role: read their own org.
 */
export type OrgAction = 'read' | 'update' | 'create_child';

/**
 * Whether `actor` may perform `action` on `org` (placed in the tree by its ancestors). `org`
 * null stands for the top of the tree: only platform admins create top-level orgs.
 */
export function can(actor: Actor, action: OrgAction, org: OrgScope | null): boolean {
  if (actor.isPlatformAdmin) return true;
  if (org === null) return false;
  const { own, parent } = rolesOver(actor, org);
  const adminHere = own.has('org_admin') || parent.has('org_admin');
  switch (action) {
    case 'read':
      return own.size > 0 || adminHere || parent.has('supervisor');
    case 'update':
    case 'create_child':
      return adminHere;
  }
}
