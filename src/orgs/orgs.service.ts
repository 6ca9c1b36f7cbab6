import type { Actor, OrgScope } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import type { Conn, Tx } from '../platform/db/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { isoNow } from '../platform/time.js';
import {
  defaultIndexTemplate,
  formatIndexNo,
  indexTemplateProblems,
  sequencePeriod,
  type IndexTemplate,
  type Org,
  type OrgInput,
} from './orgs.model.js';
import { can, type OrgAction } from './orgs.policy.js';
import {
  ancestorIds,
  descendantIds,
  findOrgAndScope,
  findOrgByCode,
  findOrgById,
  insertOrg,
  listOrgRows,
  listOrgRowsByIds,
  takeNextSerial,
  updateOrgRow,
  type OrgRow,
} from './orgs.repository.js';
import { TEMPLATE_FIELD_NAMES } from './orgs.schema.js';
import { auditView, rowToOrg, storedTemplate, valuesOf } from './orgs.rows.js';

export { rowToOrg, storedTemplate };

/** Places an org in the tree for policy checks. */
export async function scopeOf(conn: Conn, orgId: number): Promise<OrgScope> {
  return { orgId, ancestorIds: await ancestorIds(conn, orgId) };
}

function assertCan(allowed: boolean): void {
  if (!allowed) throw new ForbiddenError('ERR_ORG_FORBIDDEN', '您没有管理该单位的权限。');
}

/** An org by code with its place in the tree (one statement), or null. */
export async function findOrgWithScope(
  ctx: AppContext,
  code: string,
): Promise<{ org: Org; scope: OrgScope } | null> {
  const found = await findOrgAndScope(ctx.db, code);
  return found ? { org: rowToOrg(found.row), scope: found.scope } : null;
}

/** An org by code for public pages (org data is public), or null. */
export async function findOrg(ctx: AppContext, code: string): Promise<Org | null> {
  const row = await findOrgByCode(ctx.db, code);
  return row ? rowToOrg(row) : null;
}

/** The parent of an org, or null for a top-level org (public data). */
export async function parentOf(ctx: AppContext, org: Org): Promise<Org | null> {
  if (org.parentId === null) return null;
  const row = await findOrgById(ctx.db, org.parentId);
  return row ? rowToOrg(row) : null;
}

/** Every hosted org (public data: the portal lists them all). */
export async function listOrgs(ctx: AppContext): Promise<Org[]> {
  return (await listOrgRows(ctx.db)).map(rowToOrg);
}

/** An org by code that the actor may act on; ERR_ORG_NOT_FOUND or ERR_ORG_FORBIDDEN otherwise. */
export async function getOrgFor(
  ctx: AppContext,
  actor: Actor,
  code: string,
  action: OrgAction = 'read',
): Promise<Org> {
  const row = await findOrgByCode(ctx.db, code);
  if (!row) throw new NotFoundError('ERR_ORG_NOT_FOUND', '该单位不存在。');
  assertCan(can(actor, action, await scopeOf(ctx.db, row.id)));
  return rowToOrg(row);
}

/** The orgs on which the actor may perform `action` (read by default). */
export async function listOrgsFor(
  ctx: AppContext,
  actor: Actor,
  action: OrgAction = 'read',
): Promise<Org[]> {
  const rows = await listOrgRows(ctx.db);
  const parentOf = new Map(rows.map((r) => [r.id, r.parent_id]));
  const ancestorsOf = (id: number): number[] => {
    const out: number[] = [];
    let p = parentOf.get(id) ?? null;
    while (p !== null && !out.includes(p)) {
      out.push(p);
      p = parentOf.get(p) ?? null;
    }
    return out;
  };
  return rows
    .filter((r) => can(actor, action, { orgId: r.id, ancestorIds: ancestorsOf(r.id) }))
    .map(rowToOrg);
}

/** What the actor may do with an org (for showing links). */
export async function orgPermissions(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
): Promise<{ update: boolean; createChild: boolean }> {
  const scope = await scopeOf(ctx.db, orgId);
  return { update: can(actor, 'update', scope), createChild: can(actor, 'create_child', scope) };
}

/** Whether the actor may create top-level orgs. */
export function mayCreateTopLevel(actor: Actor): boolean {
  return can(actor, 'create_child', null);
}

/** An org's ancestors, nearest first. */
export async function ancestorsOf(ctx: AppContext, orgId: number): Promise<Org[]> {
  const ids = await ancestorIds(ctx.db, orgId);
  const byId = new Map((await listOrgRowsByIds(ctx.db, ids)).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [rowToOrg(row)] : [];
  });
}

/** An org's descendants (every level below it). */
export async function descendantsOf(ctx: AppContext, orgId: number): Promise<Org[]> {
  return (await listOrgRowsByIds(ctx.db, await descendantIds(ctx.db, orgId))).map(rowToOrg);
}

function templateErrors(t: IndexTemplate, uscc: string | null): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [k, msg] of Object.entries(indexTemplateProblems(t, { uscc }))) {
    fields[TEMPLATE_FIELD_NAMES[k as keyof IndexTemplate]] = msg;
  }
  return fields;
}

/** Inserts an org and its audit entry in `trx` (checks done by the caller). Returns its id. */
export async function insertOrgInTx(
  ctx: AppContext,
  trx: Tx,
  actor: Actor,
  input: OrgInput,
  parentId: number | null,
): Promise<number> {
  const now = isoNow(ctx.now());
  const values = valuesOf(
    input,
    parentId,
    input.indexTemplate ?? defaultIndexTemplate(input.uscc !== null),
    now,
  );
  const id = await insertOrg(trx, { ...values, created_at: now });
  await audit(ctx, trx, actor, {
    orgId: id,
    action: 'org.create',
    targetType: 'org',
    targetId: id,
    before: null,
    after: auditView(values),
  });
  return id;
}

/**
 * Updates an org in `trx` when its data differ, with an audit entry of before/after; returns
 * false (and writes nothing) when nothing changed. The code is the stable key and never changes.
 */
export async function updateOrgInTx(
  ctx: AppContext,
  trx: Tx,
  actor: Actor,
  row: OrgRow,
  input: OrgInput,
  parentId: number | null,
): Promise<boolean> {
  const template = input.indexTemplate ?? storedTemplate(row);
  const next = valuesOf({ ...input, code: row.code }, parentId, template, row.updated_at);
  next.contact_confirmed_on = row.contact_confirmed_on;
  next.guide_confirmed_on = row.guide_confirmed_on;
  next.contact_person = row.contact_person;
  const before = auditView(row);
  const after = auditView(next);
  if (JSON.stringify(before) === JSON.stringify(after)) return false;
  await updateOrgRow(trx, row.id, { ...next, updated_at: isoNow(ctx.now()) });
  await audit(ctx, trx, actor, {
    orgId: row.id,
    action: 'org.update',
    targetType: 'org',
    targetId: row.id,
    before,
    after,
  });
  return true;
}

async function resolveParent(conn: Conn, parentCode: string | null): Promise<OrgRow | null> {
  if (parentCode === null) return null;
  const parent = await findOrgByCode(conn, parentCode);
  if (!parent)
    throw new ValidationError(
      { parent: '所选上级单位不存在' },
      undefined,
      'ERR_ORG_PARENT_NOT_FOUND',
    );
  return parent;
}

/** Creates an org (from the admin form); the actor needs create_child on the parent. */
export async function createOrg(ctx: AppContext, actor: Actor, input: OrgInput): Promise<Org> {
  const template = input.indexTemplate ?? defaultIndexTemplate(input.uscc !== null);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const parent = await resolveParent(trx, input.parentCode);
    assertCan(can(actor, 'create_child', parent ? await scopeOf(trx, parent.id) : null));
    if (await findOrgByCode(trx, input.code)) {
      throw new ValidationError({ code: '该单位代码已被使用' }, undefined, 'ERR_ORG_CODE_TAKEN');
    }
    const problems = templateErrors(template, input.uscc);
    if (Object.keys(problems).length)
      throw new ValidationError(problems, undefined, 'ERR_ORG_INDEX_TEMPLATE');
    return insertOrgInTx(
      ctx,
      trx,
      actor,
      { ...input, indexTemplate: template },
      parent?.id ?? null,
    );
  });
  const row = await findOrgById(ctx.db, id);
  if (!row) throw new NotFoundError('ERR_ORG_NOT_FOUND');
  return rowToOrg(row);
}

/**
 * Updates an org (from the admin form). Moving it needs create_child on the new parent, and an
 * org can never be placed under itself or one of its descendants (ERR_ORG_CYCLE).
 */
export async function updateOrg(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: OrgInput,
): Promise<Org> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findOrgByCode(trx, code);
    if (!row) throw new NotFoundError('ERR_ORG_NOT_FOUND', '该单位不存在。');
    assertCan(can(actor, 'update', await scopeOf(trx, row.id)));
    const parent = await resolveParent(trx, input.parentCode);
    const parentId = parent?.id ?? null;
    if (parentId !== row.parent_id) {
      if (
        parentId === row.id ||
        (parentId !== null && (await descendantIds(trx, row.id)).includes(parentId))
      ) {
        throw new ValidationError(
          { parent: '不能将本单位或其下级单位设为上级单位' },
          undefined,
          'ERR_ORG_CYCLE',
        );
      }
      assertCan(can(actor, 'create_child', parent ? await scopeOf(trx, parent.id) : null));
    }
    const template = input.indexTemplate ?? storedTemplate(row);
    const problems = templateErrors(template, input.uscc);
    if (Object.keys(problems).length)
      throw new ValidationError(problems, undefined, 'ERR_ORG_INDEX_TEMPLATE');
    await updateOrgInTx(ctx, trx, actor, row, { ...input, indexTemplate: template }, parentId);
  });
  return getOrgFor(ctx, actor, code);
}

/**
 * Issues the next 索引号 of an org for a date (formed_on or published_on) inside the caller's
 * transaction: unique, never reused, safe under concurrent calls (REGULATIONS.md §3.5).
 */
export async function nextIndexNo(
  ctx: AppContext,
  trx: Tx,
  orgId: number,
  date: string,
  category?: string | null,
): Promise<string> {
  const row = await findOrgById(trx, orgId);
  if (!row) throw new NotFoundError('ERR_ORG_NOT_FOUND', '该单位不存在。');
  const org = rowToOrg(row);
  // Validate (throws) before taking a number, so a bad request does not consume a serial.
  formatIndexNo(org.indexTemplate, org, date, 1, category);
  const serial = await takeNextSerial(trx, orgId, sequencePeriod(org.indexTemplate, date));
  ctx.logger.debug({ orgId, serial }, 'index number issued');
  return formatIndexNo(org.indexTemplate, org, date, serial, category);
}
