import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import type { Conn, Tx } from '../platform/db/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { isoNow } from '../platform/time.js';
import { findOrgById } from '../orgs/orgs.repository.js';
import { scopeOf } from '../orgs/orgs.service.js';
import type { UpdateClass } from './catalogue.model.js';
import { can, type CatalogueAction } from './catalogue.policy.js';
import type { ColumnForm } from './catalogue.schema.js';
import { defaultColumns, type Column } from './columns.model.js';
import {
  findColumnByCode,
  findColumnRow,
  insertColumn,
  listColumnRows,
  updateColumnRow,
  type ColumnRow,
} from './columns.repository.js';

/** Maps a stored column row to the domain type. */
export function rowToColumn(r: ColumnRow): Column {
  return {
    id: r.id,
    orgId: r.org_id,
    code: r.code,
    name: r.name,
    parentId: r.parent_id,
    category: r.category,
    updateClass: r.update_class as UpdateClass,
    reviewLevels: r.review_levels,
    isSystem: r.is_system === 1,
    sort: r.sort,
  };
}

/** Throws ERR_FORBIDDEN unless the actor may perform `action` in the org's catalogue. */
export async function assertCatalogue(
  conn: Conn,
  actor: Actor,
  action: CatalogueAction,
  orgId: number,
): Promise<void> {
  if (!can(actor, action, await scopeOf(conn, orgId))) throw new ForbiddenError();
}

/**
 * Creates the 政府信息公开 专栏 of an org when it has no columns yet (REGULATIONS.md §3.2): the
 * statutory categories of 条例第二十条 and, by org kind, 第二十一条. Idempotent.
 */
export async function ensureDefaultColumns(ctx: AppContext, trx: Tx, orgId: number): Promise<void> {
  const existing = await listColumnRows(trx, orgId);
  if (existing.length > 0) return;
  const org = await findOrgById(trx, orgId);
  if (!org) throw new NotFoundError('ERR_ORG_NOT_FOUND', '该单位不存在。');
  const now = isoNow(ctx.now());
  const ids = new Map<string, number>();
  let sort = 0;
  for (const c of defaultColumns(org.kind)) {
    sort += 10;
    const id = await insertColumn(trx, {
      org_id: orgId,
      code: c.code,
      name: c.name,
      parent_id: c.parent ? (ids.get(c.parent) ?? null) : null,
      category: c.category,
      update_class: c.updateClass,
      review_levels: 1,
      is_system: 1,
      sort,
      created_at: now,
      updated_at: now,
    });
    ids.set(c.code, id);
  }
}

/** The columns of an org (created on first use), for an actor who may read its catalogue. */
export async function listColumns(ctx: AppContext, actor: Actor, orgId: number): Promise<Column[]> {
  await assertCatalogue(ctx.db, actor, 'read', orgId);
  return ctx.db.transaction().execute(async (trx) => {
    await ensureDefaultColumns(ctx, trx, orgId);
    return (await listColumnRows(trx, orgId)).map(rowToColumn);
  });
}

/** One column of the org, or ERR_COLUMN_NOT_FOUND. */
export async function columnOf(conn: Conn, orgId: number, id: number): Promise<Column> {
  const row = await findColumnRow(conn, id);
  if (!row || row.org_id !== orgId)
    throw new NotFoundError('ERR_COLUMN_NOT_FOUND', '该栏目不存在。');
  return rowToColumn(row);
}

async function checkParent(trx: Tx, orgId: number, parentId: number | null, selfId: number | null) {
  if (parentId === null) return;
  const parent = await findColumnRow(trx, parentId);
  if (!parent || parent.org_id !== orgId || parent.id === selfId || parent.parent_id !== null)
    throw new ValidationError({ parent_id: '上级栏目不正确（只能选择本单位的一级栏目）' });
}

/** Adds an org-defined column (org_admin). */
export async function createColumn(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  input: ColumnForm,
): Promise<Column> {
  await assertCatalogue(ctx.db, actor, 'manage_columns', orgId);
  return ctx.db.transaction().execute(async (trx) => {
    await ensureDefaultColumns(ctx, trx, orgId);
    if (await findColumnByCode(trx, orgId, input.code))
      throw new ValidationError(
        { code: '本单位已有相同代码的栏目' },
        undefined,
        'ERR_COLUMN_CODE_TAKEN',
      );
    await checkParent(trx, orgId, input.parent_id, null);
    const now = isoNow(ctx.now());
    const values = {
      org_id: orgId,
      code: input.code,
      name: input.name,
      parent_id: input.parent_id,
      category: null,
      update_class: input.update_class,
      review_levels: input.review_levels,
      is_system: 0,
      sort: input.sort ?? 1000,
      created_at: now,
      updated_at: now,
    };
    const id = await insertColumn(trx, values);
    await audit(ctx, trx, actor, {
      orgId,
      action: 'column.create',
      targetType: 'column',
      targetId: id,
      after: {
        code: input.code,
        name: input.name,
        update_class: input.update_class,
        review_levels: input.review_levels,
      },
    });
    return columnOf(trx, orgId, id);
  });
}

/**
 * Edits a column: name, parent, update class, review levels and order. The code of a system
 * column (the statutory categories) never changes, so published URLs and counting stay stable.
 */
export async function updateColumn(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  id: number,
  input: ColumnForm,
): Promise<Column> {
  await assertCatalogue(ctx.db, actor, 'manage_columns', orgId);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await columnOf(trx, orgId, id);
    const code = before.isSystem ? before.code : input.code;
    if (code !== before.code && (await findColumnByCode(trx, orgId, code)))
      throw new ValidationError(
        { code: '本单位已有相同代码的栏目' },
        undefined,
        'ERR_COLUMN_CODE_TAKEN',
      );
    await checkParent(trx, orgId, input.parent_id, id);
    await updateColumnRow(trx, id, {
      code,
      name: input.name,
      parent_id: before.isSystem ? before.parentId : input.parent_id,
      update_class: input.update_class,
      review_levels: input.review_levels,
      sort: input.sort ?? before.sort,
      updated_at: isoNow(ctx.now()),
    });
    await audit(ctx, trx, actor, {
      orgId,
      action: 'column.update',
      targetType: 'column',
      targetId: id,
      before: {
        code: before.code,
        name: before.name,
        update_class: before.updateClass,
        review_levels: before.reviewLevels,
      },
      after: {
        code,
        name: input.name,
        update_class: input.update_class,
        review_levels: input.review_levels,
      },
    });
    return columnOf(trx, orgId, id);
  });
}
