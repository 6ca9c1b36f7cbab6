import type { Actor } from '../../platform/authz.js';
import { audit } from '../../platform/audit/audit.service.js';
import type { AppContext } from '../../platform/context.js';
import type { Conn, Tx } from '../../platform/db/database.js';
import { isoNow } from '../../platform/time.js';
import { appealByRef, insertAppeal, updateAppeal } from '../../requests/appeals.repository.js';
import { applicationByOrgRef } from '../../requests/requests.repository.js';
import type { ExchangeDocument } from '../exchange.schema.js';
import type { AppealRecord } from './appeals.schema.js';
import type { PartCounts } from './orgs.part.js';

/**
 * `appeals[]` import and export (EXCHANGE.md §1.4), keyed by org + ref. `application` refers to an
 * application of the same org, in the file or stored. `body` and `stage` are not part of the
 * format: an import keeps what staff recorded.
 */

async function orgIds(conn: Conn): Promise<Map<string, number>> {
  const rows = await conn.selectFrom('orgs').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** References of appeal records: org, unique org + ref, the application, dates in order. */
export async function checkAppeals(
  trx: Tx,
  doc: ExchangeDocument,
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const orgs = await orgIds(trx);
  const fileOrgs = new Set(doc.orgs.map((o) => o.code));
  const fileApps = new Set(doc.applications.map((a) => `${a.org}\u0000${a.ref}`));
  const seen = new Map<string, number>();
  for (const [i, r] of doc.appeals.entries()) {
    const at = `appeals[${i}]`;
    const orgId = orgs.get(r.org);
    if (orgId === undefined && !fileOrgs.has(r.org))
      errors[`${at}.org`] = `单位 ${r.org} 既不在文件中，也不在系统中`;
    const key = `${r.org}\u0000${r.ref}`;
    const first = seen.get(key);
    if (first !== undefined)
      errors[`${at}.ref`] = `案号 ${r.ref} 在文件中重复（见 appeals[${first}]）`;
    else seen.set(key, i);
    if (r.application !== null && !fileApps.has(`${r.org}\u0000${r.application}`)) {
      const stored =
        orgId === undefined ? undefined : await applicationByOrgRef(trx, orgId, r.application);
      if (!stored) errors[`${at}.application`] = `本单位没有受理编号为 ${r.application} 的申请`;
    }
    if (r.decided_on !== null && r.decided_on < r.filed_on)
      errors[`${at}.decided_on`] = '审结日期不能早于立案日期';
  }
  return errors;
}

/** Creates or updates each appeal; unchanged records write nothing. Runs after applications. */
export async function importAppeals(
  ctx: AppContext,
  trx: Tx,
  actor: Actor,
  records: AppealRecord[],
): Promise<PartCounts> {
  const counts: PartCounts = { created: 0, updated: 0, unchanged: 0 };
  const orgs = await orgIds(trx);
  const now = isoNow(ctx.now());
  for (const r of records) {
    const orgId = orgs.get(r.org);
    if (orgId === undefined) throw new Error(`org ${r.org} vanished during import`);
    const app =
      r.application === null ? undefined : await applicationByOrgRef(trx, orgId, r.application);
    const fields = {
      application_id: app?.id ?? null,
      kind: r.kind,
      filed_on: r.filed_on,
      decided_on: r.decided_on,
      result: r.result,
    };
    const stored = await appealByRef(trx, orgId, r.ref);
    if (!stored) {
      await insertAppeal(trx, {
        org_id: orgId,
        ref: r.ref,
        body: null,
        stage: null,
        ...fields,
        created_at: now,
        updated_at: now,
      });
      await audit(ctx, trx, actor, {
        orgId,
        action: 'appeal.import',
        targetType: 'appeal',
        targetId: r.ref,
        after: fields,
      });
      counts.created++;
    } else if (
      (Object.keys(fields) as Array<keyof typeof fields>).every((k) => stored[k] === fields[k])
    ) {
      counts.unchanged++;
    } else {
      await updateAppeal(trx, stored.id, { ...fields, updated_at: now });
      await audit(ctx, trx, actor, {
        orgId,
        action: 'appeal.import_update',
        targetType: 'appeal',
        targetId: r.ref,
        before: { ...stored },
        after: { ...stored, ...fields },
      });
      counts.updated++;
    }
  }
  return counts;
}

/** The appeals of the given orgs as exchange records (no personal data in them). */
export async function exportAppealRecords(
  ctx: AppContext,
  orgs: Array<{ id: number; code: string }>,
): Promise<AppealRecord[]> {
  const out: AppealRecord[] = [];
  for (const org of orgs) {
    const rows = await ctx.db
      .selectFrom('appeals')
      .leftJoin('applications', 'applications.id', 'appeals.application_id')
      .select([
        'appeals.ref',
        'appeals.kind',
        'appeals.filed_on',
        'appeals.decided_on',
        'appeals.result',
        'applications.ref as application',
      ])
      .where('appeals.org_id', '=', org.id)
      .orderBy('appeals.filed_on')
      .orderBy('appeals.ref')
      .execute();
    for (const r of rows)
      out.push({
        org: org.code,
        ref: r.ref,
        application: r.application ?? null,
        kind: r.kind as AppealRecord['kind'],
        filed_on: r.filed_on,
        decided_on: r.decided_on,
        result: r.result as AppealRecord['result'],
      });
  }
  return out;
}
