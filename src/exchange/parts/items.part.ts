import type { Actor } from '../../platform/authz.js';
import { audit } from '../../platform/audit/audit.service.js';
import type { AppContext } from '../../platform/context.js';
import type { Conn, Tx } from '../../platform/db/database.js';
import { isoNow } from '../../platform/time.js';
import { dateProblems, type Validity } from '../../catalogue/catalogue.model.js';
import { sanitizeBody } from '../../catalogue/sanitize.js';
import { listOrgRows, type OrgRow } from '../../orgs/orgs.repository.js';
import { nextIndexNo } from '../../orgs/orgs.service.js';
import { indexItems } from '../../search/search.indexer.js';
import type { OrgRecord, PartCounts } from './orgs.part.js';
import { ensureDefaultColumns } from '../../catalogue/columns.service.js';
import { columnForCategory, isKnownCategory, listColumnRefs } from './items.columns.js';
import {
  auditViewOf,
  importedStatus,
  itemsByIndexNos,
  itemsByRefs,
  platformDefaults,
  recordFromRow,
  rowValuesOf,
  snapshotOf,
  type ItemRow,
} from './items.rows.js';
import type { ItemRecord } from './items.schema.js';

/** `items[]` import and export (EXCHANGE.md §1.2): keyed by org + ref, all or nothing. */

const key = (org: string, ref: string) => `${org}\u0000${ref}`;

/** The instant a China calendar date begins, as stored in timestamp columns. */
const chinaMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/**
 * Checks item records against the file and the database: the org exists (in the file or
 * stored), org + ref is unique in the file, the category has a column, dates are consistent
 * (发布日期 not before 成文日期 …), an imported 索引号 belongs to no other item, and an
 * interpretation's policy exists. Returns JSON path → message.
 */
export async function checkItems(
  conn: Conn,
  records: ItemRecord[],
  orgRecords: OrgRecord[],
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const stored = new Map((await listOrgRows(conn)).map((r) => [r.code, r]));
  const kinds = new Map<string, string>([...stored].map(([c, r]) => [c, r.kind]));
  for (const o of orgRecords) kinds.set(o.code, o.kind);
  const columnsOf = new Map<string, Array<{ code: string; category: string | null }>>();
  for (const code of new Set(records.map((r) => r.org))) {
    const row = stored.get(code);
    columnsOf.set(code, row ? await listColumnRefs(conn, row.id) : []);
  }
  const seen = new Map<string, number>();
  const indexSeen = new Map<string, number>();
  records.forEach((r, i) => {
    const at = `items[${i}]`;
    const kind = kinds.get(r.org);
    if (kind === undefined) errors[`${at}.org`] = `单位 ${r.org} 既不在文件中，也不在系统中`;
    else if (!isKnownCategory(columnsOf.get(r.org) ?? [], kind, r.category))
      errors[`${at}.category`] = `单位 ${r.org} 没有类别为 ${r.category} 的栏目`;
    const k = key(r.org, r.ref);
    if (seen.has(k)) errors[`${at}.ref`] = `${r.ref} 在文件中重复（见 items[${seen.get(k)}]）`;
    else seen.set(k, i);
    if (r.index_no !== null) {
      if (indexSeen.has(r.index_no))
        errors[`${at}.index_no`] =
          `索引号 ${r.index_no} 在文件中重复（见 items[${indexSeen.get(r.index_no)}]）`;
      else indexSeen.set(r.index_no, i);
    }
    const dates = dateProblems({
      formedOn: r.formed_on,
      publishedOn: r.published_on,
      abolishedOn: r.abolished_on,
      validity: r.validity as Validity | null,
    });
    for (const [field, msg] of Object.entries(dates)) errors[`${at}.${field}`] = msg;
    if (r.interprets === r.ref) errors[`${at}.interprets`] = '解读不能关联自身';
  });
  const orgIdToCode = new Map([...stored].map(([c, r]) => [r.id, c]));
  for (const holder of await itemsByIndexNos(conn, [...indexSeen.keys()])) {
    const i = holder.index_no === null ? undefined : indexSeen.get(holder.index_no);
    const r = i === undefined ? undefined : records[i];
    if (i === undefined || !r) continue;
    if (orgIdToCode.get(holder.org_id) !== r.org || holder.ref !== r.ref)
      errors[`items[${i}].index_no`] = `索引号 ${r.index_no ?? ''} 已被其他信息使用`;
  }
  await checkInterprets(conn, records, stored, seen, errors);
  return errors;
}

async function checkInterprets(
  conn: Conn,
  records: ItemRecord[],
  stored: Map<string, OrgRow>,
  inFile: Map<string, number>,
  errors: Record<string, string>,
): Promise<void> {
  const missing = records.flatMap((r, i) =>
    r.interprets !== null && !inFile.has(key(r.org, r.interprets)) ? [{ r, i }] : [],
  );
  for (const { r, i } of missing) {
    const org = stored.get(r.org);
    const found =
      org && r.interprets !== null ? await itemsByRefs(conn, org.id, [r.interprets]) : [];
    if (found.length === 0)
      errors[`items[${i}].interprets`] = `所解读的政策 ${r.interprets ?? ''} 不存在`;
  }
}

/** Per-org data the import resolves once. */
interface OrgTarget {
  id: number;
  columns: Array<{ id: number; code: string; category: string | null; name: string }>;
  stored: Map<string, ItemRow>;
}

async function loadTarget(ctx: AppContext, trx: Tx, org: OrgRow, refs: string[]) {
  await ensureDefaultColumns(ctx, trx, org.id);
  const columns = await trx
    .selectFrom('columns')
    .select(['id', 'code', 'category', 'name'])
    .where('org_id', '=', org.id)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const stored = new Map((await itemsByRefs(trx, org.id, refs)).map((row) => [row.ref, row]));
  return { id: org.id, columns, stored };
}

/** Unused 索引号 from the org's template (skipping numbers an import already holds). */
async function freshIndexNo(ctx: AppContext, trx: Tx, r: ItemRecord, orgId: number) {
  const date = r.published_on ?? r.formed_on;
  for (;;) {
    const candidate = await nextIndexNo(ctx, trx, orgId, date, r.category);
    if ((await itemsByIndexNos(trx, [candidate])).length === 0) return candidate;
  }
}

/**
 * Creates or updates item records in `trx` (checkItems must have passed). Bodies are sanitised
 * by the catalogue's allowlist; a null 索引号 keeps the stored one, or is issued from the org's
 * template once the item is published. Changes are audited and kept as versions; unchanged
 * records write nothing.
 */
export async function importItems(
  ctx: AppContext,
  trx: Tx,
  actor: Actor,
  records: ItemRecord[],
): Promise<PartCounts> {
  const counts: PartCounts = { created: 0, updated: 0, unchanged: 0 };
  const toIndex: number[] = []; // search index, in this transaction (issue 6)
  const orgs = new Map((await listOrgRows(trx)).map((r) => [r.code, r]));
  const targets = new Map<string, OrgTarget>();
  for (const code of new Set(records.map((r) => r.org))) {
    const org = orgs.get(code);
    if (org) {
      const refs = records.filter((r) => r.org === code).map((r) => r.ref);
      targets.set(code, await loadTarget(ctx, trx, org, refs));
    }
  }
  const now = isoNow(ctx.now());
  for (const raw of records) {
    const t = targets.get(raw.org);
    if (!t) continue;
    const body = raw.body_html === null ? null : sanitizeBody(raw.body_html) || null;
    const existing = t.stored.get(raw.ref);
    const status = importedStatus(raw, existing?.status ?? null);
    let indexNo = raw.index_no ?? existing?.index_no ?? null;
    if (indexNo === null && status === 'published')
      indexNo = await freshIndexNo(ctx, trx, raw, t.id);
    const r: ItemRecord = { ...raw, body_html: body, index_no: indexNo };
    const column = columnForCategory(t.columns, r.category) ?? null;
    const publishedAt =
      status === 'published' && r.published_on !== null ? chinaMidnight(r.published_on) : null;
    if (!existing) {
      const row = await trx
        .insertInto('items')
        .values({
          ...platformDefaults(),
          ...rowValuesOf(r),
          org_id: t.id,
          ref: r.ref,
          column_id: column?.id ?? null,
          status,
          published_at: publishedAt,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeVersion(trx, row.id, 1, r, column?.name ?? null, now);
      toIndex.push(row.id);
      await audit(ctx, trx, actor, {
        orgId: t.id,
        action: 'item.import',
        targetType: 'item',
        targetId: row.id,
        before: null,
        after: auditViewOf(r),
      });
      counts.created++;
      continue;
    }
    const before = recordFromRow(existing, raw.org);
    if (JSON.stringify(before) === JSON.stringify(r)) {
      counts.unchanged++;
      continue;
    }
    const version = existing.version + 1;
    await trx
      .updateTable('items')
      .set({
        ...rowValuesOf(r),
        column_id: column?.id ?? existing.column_id,
        status,
        published_at: existing.published_at ?? publishedAt,
        version,
        updated_at: now,
      })
      .where('id', '=', existing.id)
      .execute();
    await writeVersion(trx, existing.id, version, r, column?.name ?? null, now);
    toIndex.push(existing.id);
    await audit(ctx, trx, actor, {
      orgId: t.id,
      action: 'item.update',
      targetType: 'item',
      targetId: existing.id,
      before: { ...auditViewOf(before), status: existing.status },
      after: { ...auditViewOf(r), status },
    });
    counts.updated++;
  }
  await indexItems(ctx, trx, toIndex);
  return counts;
}

async function writeVersion(
  trx: Tx,
  itemId: number,
  version: number,
  r: ItemRecord,
  columnName: string | null,
  now: string,
): Promise<void> {
  await trx
    .insertInto('item_versions')
    .values({
      item_id: itemId,
      version,
      snapshot: snapshotOf(r, columnName),
      change_note: '数据导入',
      author_id: null,
      created_at: now,
    })
    .execute();
}

/** Item records of the given orgs, by org code then insertion order (lossless, §1.2). */
export async function exportItemRecords(conn: Conn, orgs: OrgRow[]): Promise<ItemRecord[]> {
  const out: ItemRecord[] = [];
  for (const org of [...orgs].sort((a, b) => a.code.localeCompare(b.code))) {
    const rows = await conn
      .selectFrom('items')
      .selectAll()
      .where('org_id', '=', org.id)
      .orderBy('id')
      .execute();
    for (const row of rows) out.push(recordFromRow(row, org.code));
  }
  return out;
}
