import type { Actor, OrgScope, Role } from '../authz.js';

/**
 * Who may read the audit log. The platform admin reads everything; an org's 单位管理员 and its
 * 监督单位 read the entries of that org and of every org below it. Entries without an org
 * (platform settings, the calendar) are for the platform admin only.
 */
export const AUDIT_READER_ROLES: readonly Role[] = ['org_admin', 'supervisor'];

export type AuditAction = 'audit.list' | 'audit.view';

/** The orgs whose subtrees the actor may read, or 'all' for the platform admin. */
export function auditRootOrgIds(actor: Actor): number[] | 'all' {
  if (actor.isPlatformAdmin) return 'all';
  const ids = actor.grants.filter((g) => AUDIT_READER_ROLES.includes(g.role)).map((g) => g.orgId);
  return [...new Set(ids)].sort((a, b) => a - b);
}

/**
 * `audit.list`: may open the audit page at all. `audit.view`: may see one entry, placed in the
 * org tree by `scope` (null for an entry without an org).
 */
export function can(actor: Actor, action: AuditAction, scope: OrgScope | null = null): boolean {
  const roots = auditRootOrgIds(actor);
  if (roots === 'all') return true;
  if (action === 'audit.list') return roots.length > 0;
  if (!scope) return false;
  return roots.includes(scope.orgId) || scope.ancestorIds.some((id) => roots.includes(id));
}
