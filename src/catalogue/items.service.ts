import crypto from 'node:crypto';
import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import type { Conn, Tx } from '../platform/db/database.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../platform/errors.js';
import {
  addMonths,
  attributeProblems,
  dateProblems,
  docNumberWarning,
  isEditable,
  normaliseDocNumber,
  type ItemStatus,
} from './catalogue.model.js';
import { rereviewMonths } from './catalogue.settings.js';
import type { ItemForm } from './catalogue.schema.js';
import { categoryOf } from './columns.model.js';
import { assertCatalogue, columnOf, ensureDefaultColumns } from './columns.service.js';
import { snapshotOf } from './items.model.js';
import {
  findItemByRef,
  findItemRow,
  insertItem,
  insertVersion,
  itemsWithDocNumber,
  listAttachments,
  updateItemRow,
  type ItemRow,
} from './items.repository.js';
import { sanitizeBody } from './sanitize.js';
import { indexItem } from '../search/search.indexer.js';
import { chinaDate, isoNow } from '../platform/time.js';

/** An item of the org, or ERR_ITEM_NOT_FOUND (also for another org's item id). */
export async function itemOf(conn: Conn, orgId: number, id: number): Promise<ItemRow> {
  const row = await findItemRow(conn, id);
  if (!row || row.org_id !== orgId) throw new NotFoundError('ERR_ITEM_NOT_FOUND', '该信息不存在。');
  return row;
}

/** An item for an actor who may read the org's catalogue. */
export async function getItem(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  id: number,
): Promise<ItemRow> {
  await assertCatalogue(ctx.db, actor, 'read', orgId);
  return itemOf(ctx.db, orgId, id);
}

/** Records the item's current state as a version row (every saved change, issue 3). */
export async function recordVersion(
  trx: Tx,
  row: ItemRow,
  actor: Actor,
  at: string,
  note: string | null,
): Promise<void> {
  const column = row.column_id ? await columnOf(trx, row.org_id, row.column_id) : null;
  const files = (await listAttachments(trx, row.id)).map((a) => a.filename);
  await insertVersion(trx, {
    item_id: row.id,
    version: row.version,
    snapshot: JSON.stringify(snapshotOf(row, column?.name ?? '', files)),
    change_note: note,
    author_id: actor.userId || null,
    created_at: at,
  });
}

/** Result of saving: the item and warnings that do not block (文号 form, duplicate 文号). */
export interface SaveResult {
  item: ItemRow;
  warnings: string[];
}

async function checkedValues(
  ctx: AppContext,
  trx: Tx,
  orgId: number,
  form: ItemForm,
  existing: ItemRow | null,
) {
  const column = await columnOf(trx, orgId, form.column_id).catch(() => {
    throw new ValidationError({ column_id: '请选择本单位的栏目' });
  });
  const fields: Record<string, string> = {
    ...dateProblems({
      formedOn: form.formed_on,
      publishedOn: form.published_on,
      abolishedOn: form.abolished_on,
      validity: form.validity,
    }),
    ...attributeProblems(form.attribute, form.attribute_reason),
  };
  const published = existing?.status === 'published';
  if (published && form.attribute !== 'active')
    fields.attribute = '已发布的信息须为主动公开；如需停止公开，请撤回该信息';
  if (published && !form.change_note) fields.change_note = '修改已发布的信息须填写修改说明';
  const category = categoryOf(column);
  let interprets: string | null = null;
  if (category === 'interpretation' && form.interprets_ref) {
    const policy = await findItemByRef(trx, orgId, form.interprets_ref);
    if (!policy || policy.id === existing?.id) fields.interprets_ref = '所解读的政策文件不存在';
    else interprets = policy.ref;
  }
  if (Object.keys(fields).length > 0) throw new ValidationError(fields);
  const warnings: string[] = [];
  const docNumber = form.doc_number ? normaliseDocNumber(form.doc_number) : null;
  if (docNumber) {
    const w = docNumberWarning(docNumber);
    if (w) warnings.push(w);
    const dup = await itemsWithDocNumber(trx, orgId, docNumber, existing?.id ?? null);
    if (dup.length > 0)
      warnings.push(`本单位已有相同文号的信息：${dup.map((d) => d.title).join('、')}`);
  }
  const today = chinaDate(ctx.now());
  const rereviewOn =
    form.attribute === 'withheld'
      ? ((existing?.attribute === 'withheld' ? existing.rereview_on : null) ??
        addMonths(today, await rereviewMonths(trx)))
      : null;
  const values = {
    title: form.title,
    summary: form.summary,
    body_html: sanitizeBody(form.body_html),
    column_id: column.id,
    category,
    doc_type: form.doc_type,
    doc_number: docNumber,
    formed_on: form.formed_on,
    published_on: form.published_on,
    channels: JSON.stringify(form.channels),
    validity: form.validity,
    abolished_on: form.abolished_on,
    interprets_ref: interprets,
    attribute: form.attribute,
    attribute_reason: form.attribute === 'active' ? null : form.attribute_reason,
    rereview_on: rereviewOn,
    topic: form.topic,
    genre: form.genre,
    keywords: form.keywords,
    disclosure_mode: form.disclosure_mode,
  };
  return { values, warnings };
}

/** Drafts a new item in a column of the org (editor). */
export async function createItem(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  form: ItemForm,
): Promise<SaveResult> {
  await assertCatalogue(ctx.db, actor, 'draft', orgId);
  return ctx.db.transaction().execute(async (trx) => {
    await ensureDefaultColumns(ctx, trx, orgId);
    const { values, warnings } = await checkedValues(ctx, trx, orgId, form, null);
    const now = isoNow(ctx.now());
    const id = await insertItem(trx, {
      ...values,
      org_id: orgId,
      ref: `gk-${crypto.randomBytes(6).toString('hex')}`,
      status: 'draft',
      review_level: 0,
      author_id: actor.userId || null,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    const item = await itemOf(trx, orgId, id);
    await recordVersion(trx, item, actor, now, null);
    await audit(ctx, trx, actor, {
      orgId,
      action: 'item.create',
      targetType: 'item',
      targetId: id,
      after: { title: item.title, column_id: item.column_id, attribute: item.attribute },
    });
    return { item, warnings };
  });
}

/**
 * Saves an edit. Drafts and returned items change in place; a published item takes the edit as
 * a new version with a required change note, shown on its public page. `expectedVersion` (the
 * version the form was opened at) guards against overwriting someone else's edit.
 */
export async function updateItem(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  id: number,
  form: ItemForm,
  expectedVersion: number | null,
): Promise<SaveResult> {
  await assertCatalogue(ctx.db, actor, 'draft', orgId);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await itemOf(trx, orgId, id);
    if (!isEditable(before.status as ItemStatus))
      throw new ConflictError('ERR_ITEM_LOCKED', '该信息正在审核或等待发布，暂不能修改。');
    if (expectedVersion !== null && expectedVersion !== before.version)
      throw new ConflictError('ERR_ITEM_CHANGED', '该信息已被他人修改，请刷新后重新编辑。');
    const { values, warnings } = await checkedValues(ctx, trx, orgId, form, before);
    const now = isoNow(ctx.now());
    const published = before.status === 'published';
    const ok = await updateItemRow(trx, id, before.version, {
      ...values,
      // Published: the 发布日期 and the 索引号 stay those of the first publication.
      published_on: published ? before.published_on : values.published_on,
      change_note: published ? form.change_note : before.change_note,
      version: before.version + 1,
      updated_at: now,
    });
    if (!ok) throw new ConflictError('ERR_ITEM_CHANGED', '该信息已被他人修改，请刷新后重新编辑。');
    const item = await itemOf(trx, orgId, id);
    await recordVersion(trx, item, actor, now, published ? form.change_note : null);
    await audit(ctx, trx, actor, {
      orgId,
      action: published ? 'item.revise_published' : 'item.update',
      targetType: 'item',
      targetId: id,
      before: { title: before.title, version: before.version, attribute: before.attribute },
      after: {
        title: item.title,
        version: item.version,
        attribute: item.attribute,
        change_note: item.change_note,
      },
    });
    await indexItem(ctx, trx, id); // search index, in this transaction (issue 6)
    return { item, warnings };
  });
}

/** Refuses publication of anything but 主动公开 information (ERR_NOT_PUBLIC). */
export function assertPublic(row: Pick<ItemRow, 'attribute'>): void {
  if (row.attribute !== 'active')
    throw new AppError('ERR_NOT_PUBLIC', 409, '依申请公开或不予公开的信息不能在网站发布。');
}
