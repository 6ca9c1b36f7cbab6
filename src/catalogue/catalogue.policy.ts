import { rolesOver, type Actor, type OrgScope } from '../platform/authz.js';

/**
 * Who may do what in the catalogue of an org.
 * - platform admin: everything;
 * - editor (信息员): read and draft (create, edit, submit, attach) in their own org;
 * - reviewer (审核人): read, review, publish, withdraw and re-review (条例第十八条) in their org;
 * - org_admin: read, manage columns, publish and withdraw in their org; read and manage columns
 *   in descendant orgs;
 * - supervisor: read their own org and its descendants;
 * - any other role at the org: read.
 * Self-approval is refused by the review rule (catalogue.model.ts reviewRefusal), not here.
 */
export type CatalogueAction =
  'read' | 'draft' | 'review' | 'publish' | 'withdraw' | 'rereview' | 'manage_columns';

/** Whether `actor` may perform `action` on the catalogue of the org placed by `scope`. */
export function can(actor: Actor, action: CatalogueAction, scope: OrgScope): boolean {
  if (actor.isPlatformAdmin) return true;
  const { own, parent } = rolesOver(actor, scope);
  switch (action) {
    case 'read':
      return own.size > 0 || parent.has('org_admin') || parent.has('supervisor');
    case 'draft':
      return own.has('editor');
    case 'review':
    case 'rereview':
      return own.has('reviewer');
    case 'publish':
    case 'withdraw':
      return own.has('reviewer') || own.has('org_admin');
    case 'manage_columns':
      return own.has('org_admin') || parent.has('org_admin');
  }
}
