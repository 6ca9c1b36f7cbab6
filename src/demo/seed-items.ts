import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db/database.js';
import type { ItemsTable } from '../platform/db/schema.js';
import { isoNow } from '../platform/time.js';
import { formatIndexNo, sequencePeriod } from '../orgs/orgs.model.js';
import { findOrgByCode } from '../orgs/orgs.repository.js';
import { rowToOrg } from '../orgs/orgs.service.js';
import { ensureDefaultColumns } from '../catalogue/columns.service.js';
import { inChunks, platformDefaults } from '../exchange/parts/items.rows.js';
import { generateDemoItems, type DemoItem } from './demo-items.js';

/** Org-defined columns of the demo zone besides the 政府信息公开 专栏. */
const OWN_COLUMNS = [
  { code: 'notice', name: '通知公告', update_class: 'notice', sort: 1000 },
  { code: 'news', name: '工作动态', update_class: 'news', sort: 1010 },
];

/** A tiny valid PDF (one empty page) used as the demo attachment of policies. */
export function demoPdf(title: string): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let out = `%PDF-1.4\n% ${Buffer.from(title).toString('hex').slice(0, 32)}\n`;
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Demo items went online at 09:00 China time on their 发布日期. */
const publishedAtOf = (date: string) => new Date(`${date}T09:00:00+08:00`).toISOString();

/**
 * Seeds the demo catalogue of an org (wzgxq): its columns and the generated items, in one
 * transaction with bulk inserts. Idempotent: does nothing once the demo items exist. Returns
 * the number of items created.
 */
export async function seedDemoCatalogue(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const orgRow = await findOrgByCode(trx, orgCode);
    if (!orgRow) return 0;
    const done = await trx
      .selectFrom('items')
      .select('id')
      .where('org_id', '=', orgRow.id)
      .where('ref', 'like', 'demo-%')
      .executeTakeFirst();
    if (done) return 0;
    const org = rowToOrg(orgRow);
    await ensureDefaultColumns(ctx, trx, org.id);
    const now = isoNow(ctx.now());
    for (const c of OWN_COLUMNS) {
      const exists = await trx
        .selectFrom('columns')
        .select('id')
        .where('org_id', '=', org.id)
        .where('code', '=', c.code)
        .executeTakeFirst();
      if (!exists)
        await trx
          .insertInto('columns')
          .values({
            ...c,
            org_id: org.id,
            parent_id: null,
            category: null,
            review_levels: 1,
            is_system: 0,
            created_at: now,
            updated_at: now,
          })
          .execute();
    }
    const columns = await trx
      .selectFrom('columns')
      .select(['id', 'code'])
      .where('org_id', '=', org.id)
      .execute();
    const columnId = new Map(columns.map((c) => [c.code, c.id]));
    const items = generateDemoItems();
    const serials = new Map<string, number>();
    const rows = items.map((it): Insertable<ItemsTable> => {
      let indexNo: string | null = null;
      if (it.publishedOn !== null) {
        const period = sequencePeriod(org.indexTemplate, it.publishedOn);
        const serial = (serials.get(period) ?? 0) + 1;
        serials.set(period, serial);
        indexNo = formatIndexNo(org.indexTemplate, org, it.publishedOn, serial, it.category);
      }
      return rowOf(it, org.id, columnId.get(it.column) ?? null, indexNo, now);
    });
    await inChunks(rows, 250, async (chunk) => {
      await trx.insertInto('items').values(chunk).execute();
    });
    for (const [period, last] of serials) {
      await trx
        .insertInto('index_sequences')
        .values({ org_id: org.id, period, last_value: last })
        .onConflict((oc) => oc.columns(['org_id', 'period']).doUpdateSet({ last_value: last }))
        .execute();
    }
    await attachPdfs(trx, org.id, items, now);
    await audit(ctx, trx, actor, {
      orgId: org.id,
      action: 'demo.seed_catalogue',
      targetType: 'org',
      targetId: org.id,
      before: null,
      after: { items: items.length },
    });
    return items.length;
  });
}

function rowOf(
  it: DemoItem,
  orgId: number,
  columnId: number | null,
  indexNo: string | null,
  now: string,
): Insertable<ItemsTable> {
  return {
    ...platformDefaults(),
    org_id: orgId,
    ref: it.ref,
    index_no: indexNo,
    title: it.title,
    summary: null,
    body_html: it.bodyHtml || null,
    column_id: columnId,
    category: it.category,
    doc_type: it.docType,
    doc_number: it.docNumber,
    formed_on: it.formedOn,
    published_on: it.publishedOn,
    channels: JSON.stringify(it.publishedOn === null ? [] : it.channels),
    validity: it.validity,
    abolished_on: it.abolishedOn,
    interprets_ref: it.interpretsRef,
    attribute: it.attribute,
    attribute_reason: it.attributeReason,
    topic: it.topic,
    status: it.status,
    version: it.changeNote ? 2 : 1,
    change_note: it.changeNote,
    withdrawn_on: it.withdrawnOn,
    withdrawal_reason: it.withdrawalReason,
    published_at: it.publishedOn === null ? null : publishedAtOf(it.publishedOn),
    created_at: now,
    updated_at: now,
  };
}

async function attachPdfs(trx: Tx, orgId: number, items: DemoItem[], now: string) {
  const wanted = items.filter((i) => i.withAttachment);
  const ids = new Map<string, number>();
  await inChunks(
    wanted.map((w) => w.ref),
    500,
    async (refs) => {
      const found = await trx
        .selectFrom('items')
        .select(['id', 'ref'])
        .where('org_id', '=', orgId)
        .where('ref', 'in', refs)
        .execute();
      for (const f of found) ids.set(f.ref, f.id);
    },
  );
  const rows = wanted.flatMap((w) => {
    const id = ids.get(w.ref);
    if (id === undefined) return [];
    const data = demoPdf(w.ref);
    const name = (/《(.+)》/.exec(w.title)?.[1] ?? w.title).slice(0, 100);
    return [
      {
        item_id: id,
        org_id: orgId,
        filename: `${name}.pdf`,
        media_type: 'application/pdf',
        size: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        storage: 'db',
        data,
        text_content: null,
        created_at: now,
      },
    ];
  });
  await inChunks(rows, 100, async (chunk) => {
    await trx.insertInto('attachments').values(chunk).execute();
  });
}
