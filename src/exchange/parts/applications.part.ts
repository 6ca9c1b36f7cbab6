import type { HolidayCalendar } from '../../calendar/calendar.model.js';
import { loadCalendar } from '../../calendar/calendar.service.js';
import type { Actor } from '../../platform/authz.js';
import { audit } from '../../platform/audit/audit.service.js';
import { idCardProblem, isValidUscc } from '../../platform/checksums.js';
import type { AppContext } from '../../platform/context.js';
import type { Conn, Tx } from '../../platform/db/database.js';
import { chinaDate, isoNow } from '../../platform/time.js';
import { scopeOf } from '../../orgs/orgs.service.js';
import {
  clockColumns,
  eventToRow,
  toExchangeApplication,
  type NewApplication,
} from '../../requests/applications.model.js';
import { newQueryCode } from '../../requests/applications.codes.js';
import { applicantHashes, maskPersonal, seal } from '../../requests/applications.privacy.js';
import { clockOf, loadStored } from '../../requests/applications.rows.js';
import { validateHistory } from '../../requests/history.model.js';
import { can } from '../../requests/requests.policy.js';
import * as repo from '../../requests/requests.repository.js';
import { auditView, storeNew } from '../../requests/requests.service.js';
import type { ExchangeDocument } from '../exchange.schema.js';
import type { ApplicationRecord } from './applications.schema.js';
import type { PartCounts } from './orgs.part.js';

/**
 * `applications[]` import and export (EXCHANGE.md §1.3): keyed by org + ref, histories validated
 * with their codes (history.model.ts), the clock recomputed and cached, personal data encrypted on
 * the way in and decrypted on the way out (masked for actors without the privacy permission).
 */

/** Stable JSON with sorted keys, to tell a changed record from an unchanged one. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** The calendar read inside the import's transaction (SQLite has one connection, held by it). */
function calendarIn(ctx: AppContext, trx: Tx): Promise<HolidayCalendar> {
  return loadCalendar({ ...ctx, db: trx });
}

async function orgIdsByCode(conn: Conn): Promise<Map<string, number>> {
  const rows = await conn.selectFrom('orgs').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

function idProblem(r: ApplicationRecord, today: string): string | null {
  const { id_type: type, id_number: id } = r.applicant;
  if (!id) return null;
  if ((type === 'resident_id' || type === '居民身份证') && idCardProblem(id, today))
    return '居民身份证号码不正确（GB 11643 校验）';
  if ((type === 'uscc' || type === '统一社会信用代码') && !isValidUscc(id))
    return '统一社会信用代码不正确（GB 32100 校验）';
  return null;
}

/**
 * Checks applications against the file and the database: the org exists, org + ref is unique in
 * the file and its ref is not another org's, ID numbers pass their checksums, and every history is
 * possible (`[ERR_CORRECTION_TWICE] …` at `applications[i].events[j]`).
 */
export async function checkApplications(
  ctx: AppContext,
  trx: Tx,
  doc: ExchangeDocument,
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const orgs = await orgIdsByCode(trx);
  const fileOrgs = new Set(doc.orgs.map((o) => o.code));
  const cal = await calendarIn(ctx, trx);
  const today = chinaDate(ctx.now());
  const seen = new Map<string, number>();
  for (const [i, r] of doc.applications.entries()) {
    const at = `applications[${i}]`;
    if (!orgs.has(r.org) && !fileOrgs.has(r.org))
      errors[`${at}.org`] = `单位 ${r.org} 既不在文件中，也不在系统中`;
    const first = seen.get(r.ref);
    if (first !== undefined)
      errors[`${at}.ref`] = `受理编号 ${r.ref} 在文件中重复（见 applications[${first}]）`;
    else seen.set(r.ref, i);
    const stored = await repo.applicationByRef(trx, r.ref);
    if (stored && stored.org_id !== orgs.get(r.org))
      errors[`${at}.ref`] = `受理编号 ${r.ref} 已属于其他单位的申请`;
    const bad = idProblem(r, today);
    if (bad) errors[`${at}.applicant.id_number`] = bad;
    for (const p of validateHistory(cal, { ...r, events: r.events }, today))
      errors[`${at}.${p.path}`] ??= `[${p.code}] ${p.message}`;
  }
  return errors;
}

function toNew(r: ApplicationRecord): NewApplication {
  return {
    applicant: { ...r.applicant, postcode: null },
    channel: r.channel,
    submitted_on: r.submitted_on,
    description: r.description,
    delivery: r.delivery,
  };
}

async function writeEvents(trx: Tx, id: number, r: ApplicationRecord, actor: Actor, at: string) {
  await repo.deleteEventRows(trx, id);
  for (const [i, e] of r.events.entries())
    await repo.insertEventRow(trx, {
      application_id: id,
      seq: i + 1,
      ...eventToRow(e),
      actor_id: actor.userId || null,
      created_at: at,
    });
}

/** Creates or updates each application (org + ref); unchanged records write nothing. */
export async function importApplications(
  ctx: AppContext,
  trx: Tx,
  actor: Actor,
  records: ApplicationRecord[],
): Promise<PartCounts> {
  const counts: PartCounts = { created: 0, updated: 0, unchanged: 0 };
  const orgs = await orgIdsByCode(trx);
  const cal: HolidayCalendar = await calendarIn(ctx, trx);
  const today = chinaDate(ctx.now());
  const now = isoNow(ctx.now());
  for (const r of records) {
    const orgId = orgs.get(r.org);
    if (orgId === undefined) throw new Error(`org ${r.org} vanished during import`);
    const clock = clockOf(cal, r, today);
    const stored = await repo.applicationByRef(trx, r.ref);
    if (!stored) {
      const created = await storeNew(ctx, trx, orgId, toNew(r), {
        received_on: r.received_on,
        clock,
        token: null,
        queryCode: newQueryCode(),
        enteredBy: null,
        files: [],
        ref: r.ref,
      });
      await writeEvents(trx, created.id, r, actor, now);
      await repo.updateApplicationRow(trx, created.id, clockColumns(clock, r.events));
      await audit(ctx, trx, actor, {
        orgId,
        action: 'application.import',
        targetType: 'application',
        targetId: r.ref,
        after: auditView(toNew(r).applicant, {
          received_on: r.received_on,
          events: r.events.length,
        }),
      });
      counts.created++;
      continue;
    }
    const current = toExchangeApplication(r.org, await loadStored(ctx, trx, stored));
    if (current && canonical(current) === canonical(r)) {
      counts.unchanged++;
      continue;
    }
    const a = r.applicant;
    const hashes = applicantHashes(ctx.fieldKeys, a);
    await repo.updateApplicationRow(trx, stored.id, {
      applicant_type: a.type,
      applicant_name: seal(ctx.fieldKeys, a.name) ?? '',
      applicant_id_type: a.id_type,
      applicant_id_number: seal(ctx.fieldKeys, a.id_number),
      applicant_id_hash: hashes.id,
      applicant_contact_hash: hashes.contact,
      applicant_phone: seal(ctx.fieldKeys, a.phone),
      applicant_email: seal(ctx.fieldKeys, a.email),
      applicant_address: seal(ctx.fieldKeys, a.address),
      channel: r.channel,
      submitted_on: r.submitted_on,
      received_on: r.received_on,
      description: r.description,
      delivery: r.delivery,
      ...clockColumns(clock, r.events),
      updated_at: now,
    });
    await writeEvents(trx, stored.id, r, actor, now);
    await audit(ctx, trx, actor, {
      orgId,
      action: 'application.import_update',
      targetType: 'application',
      targetId: r.ref,
      before: { received_on: current?.received_on ?? null, events: current?.events.length ?? 0 },
      after: { received_on: r.received_on, events: r.events.length },
    });
    counts.updated++;
  }
  return counts;
}

/**
 * The received applications of the given orgs as exchange records. Personal data is decrypted for
 * actors holding the privacy permission on the org (the system actor included), masked otherwise.
 * Online applications not yet confirmed have no 收到申请之日 and are not exported.
 */
export async function exportApplicationRecords(
  ctx: AppContext,
  actor: Actor,
  orgs: Array<{ id: number; code: string }>,
): Promise<ApplicationRecord[]> {
  const out: ApplicationRecord[] = [];
  for (const org of orgs) {
    const unmasked = can(actor, 'privacy', await scopeOf(ctx.db, org.id));
    for (const row of await repo.applicationsOfOrg(ctx.db, org.id)) {
      const rec = toExchangeApplication(org.code, await loadStored(ctx, ctx.db, row));
      if (!rec) continue;
      if (!unmasked) {
        const m = maskPersonal(
          { ...rec.applicant, postcode: null },
          rec.applicant.type === 'natural_person',
        );
        rec.applicant = {
          ...rec.applicant,
          name: m.name,
          id_number: m.id_number,
          phone: m.phone,
          email: m.email,
          address: m.address,
        };
      }
      out.push(rec as ApplicationRecord);
    }
  }
  return out;
}
