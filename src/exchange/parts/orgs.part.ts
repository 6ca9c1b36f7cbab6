import { z } from 'zod';
import type { Actor } from '../../platform/authz.js';
import type { AppContext } from '../../platform/context.js';
import type { Conn, Tx } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/errors.js';
import { ORG_KINDS, wouldCreateCycle, type OrgInput } from '../../orgs/orgs.model.js';
import { findOrgByCode, listOrgRows, type OrgRow } from '../../orgs/orgs.repository.js';
import { orgCodeSchema, usccSchema } from '../../orgs/orgs.schema.js';
import { insertOrgInTx, rowToOrg, storedTemplate, updateOrgInTx } from '../../orgs/orgs.service.js';
import { nullableText } from '../exchange.fields.js';

/** `orgs[]` (EXCHANGE.md §1.1): organisations with their 公开指南 contact data. */
export const orgRecordSchema = z.strictObject({
  code: orgCodeSchema,
  name: z.string({ message: '应为文本' }).min(1, '不能为空').max(100, '不能超过100个字'),
  parent: z.string({ message: '应为单位代码或 null' }).nullable().default(null),
  kind: z.enum(ORG_KINDS, { message: `应为 ${ORG_KINDS.join(' | ')} 之一` }),
  uscc: usccSchema.nullable().default(null),
  site_id_code: nullableText(20),
  contact: z
    .strictObject({
      office: nullableText(100),
      address: nullableText(200),
      hours: nullableText(200),
      phone: nullableText(100),
      fax: nullableText(100),
      email: z.email('电子邮箱格式不正确').nullable().default(null),
      postcode: z
        .string()
        .regex(/^\d{6}$/, '邮政编码应为6位数字')
        .nullable()
        .default(null),
    })
    .prefault({}),
});
export type OrgRecord = z.output<typeof orgRecordSchema>;

export interface PartCounts {
  created: number;
  updated: number;
  unchanged: number;
}

function toInput(r: OrgRecord): OrgInput {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind,
    parentCode: r.parent,
    uscc: r.uscc,
    siteIdCode: r.site_id_code,
    contact: r.contact,
  };
}

/**
 * Checks references among org records against the file and the database: unique codes in the
 * file, parents that exist (in the file, before or after, or already stored), no cycles, and no
 * USCC removed from an org whose 索引号 template needs it. Returns JSON path → message.
 */
export async function checkOrgs(conn: Conn, records: OrgRecord[]): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const stored = await listOrgRows(conn);
  const storedByCode = new Map(stored.map((r) => [r.code, r]));
  const codeOfId = new Map(stored.map((r) => [r.id, r.code]));
  const parents = new Map<string, string | null>(
    stored.map((r) => [r.code, r.parent_id === null ? null : (codeOfId.get(r.parent_id) ?? null)]),
  );
  const firstIndex = new Map<string, number>();
  records.forEach((r, i) => {
    if (firstIndex.has(r.code))
      errors[`orgs[${i}].code`] =
        `单位代码 ${r.code} 在文件中重复（见 orgs[${firstIndex.get(r.code)}]）`;
    else firstIndex.set(r.code, i);
    parents.set(r.code, r.parent);
  });
  records.forEach((r, i) => {
    if (r.parent !== null && !firstIndex.has(r.parent) && !storedByCode.has(r.parent)) {
      errors[`orgs[${i}].parent`] = `上级单位 ${r.parent} 既不在文件中，也不在系统中`;
    } else if (wouldCreateCycle(parents, r.code, r.parent)) {
      errors[`orgs[${i}].parent`] = `上级单位 ${r.parent ?? ''} 会使单位层级形成循环`;
    }
    const existing = storedByCode.get(r.code);
    if (existing && r.uscc === null && storedTemplate(existing).prefix === 'uscc') {
      errors[`orgs[${i}].uscc`] = '该单位的索引号以统一社会信用代码为前缀，不能清空';
    }
  });
  return errors;
}

/**
 * Creates or updates the org records in `trx`, parents first, auditing each change; unchanged
 * records write nothing. `checkOrgs` must have passed.
 */
export async function importOrgs(
  ctx: AppContext,
  trx: Tx,
  actor: Actor,
  records: OrgRecord[],
): Promise<PartCounts> {
  const counts: PartCounts = { created: 0, updated: 0, unchanged: 0 };
  const byCode = new Map(records.map((r) => [r.code, r]));
  const done = new Map<string, number>();
  const ensure = async (code: string): Promise<number> => {
    const known = done.get(code);
    if (known !== undefined) return known;
    const record = byCode.get(code);
    const existing = await findOrgByCode(trx, code);
    if (!record) {
      if (!existing)
        throw new ValidationError(
          { orgs: `上级单位 ${code} 不存在` },
          undefined,
          'ERR_IMPORT_REFERENCE',
        );
      return existing.id;
    }
    const parentId = record.parent === null ? null : await ensure(record.parent);
    const id = existing
      ? await update(existing, record, parentId)
      : await insertOrgInTx(ctx, trx, actor, toInput(record), parentId);
    if (!existing) counts.created++;
    done.set(code, id);
    return id;
  };
  const update = async (
    row: OrgRow,
    record: OrgRecord,
    parentId: number | null,
  ): Promise<number> => {
    const changed = await updateOrgInTx(ctx, trx, actor, row, toInput(record), parentId);
    if (changed) counts.updated++;
    else counts.unchanged++;
    return row.id;
  };
  for (const r of records) await ensure(r.code);
  return counts;
}

/** Org records of the given orgs, parents before children, as `orgs[]` of an export. */
export function exportOrgRecords(rows: OrgRow[], allRows: OrgRow[]): OrgRecord[] {
  const codeOfId = new Map(allRows.map((r) => [r.id, r.code]));
  const included = new Set(rows.map((r) => r.id));
  const childrenOf = new Map<number | null, OrgRow[]>();
  for (const r of rows) {
    const key = r.parent_id !== null && included.has(r.parent_id) ? r.parent_id : null;
    childrenOf.set(key, [...(childrenOf.get(key) ?? []), r]);
  }
  const out: OrgRecord[] = [];
  const walk = (parent: number | null) => {
    const list = [...(childrenOf.get(parent) ?? [])].sort((a, b) => a.code.localeCompare(b.code));
    for (const row of list) {
      const org = rowToOrg(row);
      out.push({
        code: org.code,
        name: org.name,
        parent: org.parentId === null ? null : (codeOfId.get(org.parentId) ?? null),
        kind: org.kind,
        uscc: org.uscc,
        site_id_code: org.siteIdCode,
        contact: { ...org.contact },
      });
      walk(row.id);
    }
  };
  walk(null);
  return out;
}
