import crypto from 'node:crypto';
import { loadCalendar } from '../calendar/calendar.service.js';
import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import type { OrgScope } from '../platform/authz.js';
import type { Tx } from '../platform/db/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { chinaDate, isoNow } from '../platform/time.js';
import type { Org } from '../orgs/orgs.model.js';
import { findOrgWithScope } from '../orgs/orgs.service.js';
import { clockColumns, type NewApplication, type UploadedFile } from './applications.model.js';
import { applicantHashes, maskPersonal, seal } from './applications.privacy.js';
import { hashQueryCode, newApplicationRef, newQueryCode } from './applications.codes.js';
import { asClockInput, clockOf, loadStored } from './applications.rows.js';
import { receivedOn } from './receipt.model.js';
import { computeClock, type RequestClock } from './clock.model.js';
import { can, type RequestAction } from './requests.policy.js';
import * as repo from './requests.repository.js';

/**
 * Use cases of applications for disclosure on request (依申请公开): register (staff), confirm an
 * online application (条例第三十一条), append an event to the history under the statutory clock
 * (条例第三十条至第三十四条), assign and note. Every change is one transaction with its audit entry;
 * the clock is recomputed from the whole history and cached in the applications row.
 * Public submissions are in intake.service.ts; reads in applications.query.ts.
 */

/** What a new application gets: its 受理编号 and 查询码 (the code is never stored in clear). */
export interface Created {
  id: number;
  ref: string;
  queryCode: string;
  /** True when the submission token had already created this application (double submit). */
  duplicate: boolean;
}

/** The org by code, checked against the requests policy; ERR_ORG_NOT_FOUND / ERR_APPLICATION_FORBIDDEN. */
export async function orgFor(
  ctx: AppContext,
  actor: Actor,
  code: string,
  action: RequestAction,
): Promise<{ org: Org; scope: OrgScope }> {
  const found = await findOrgWithScope(ctx, code);
  if (!found) throw new NotFoundError('ERR_ORG_NOT_FOUND', '该单位不存在。');
  const { org, scope } = found;
  if (!can(actor, action, scope))
    throw new ForbiddenError(
      'ERR_APPLICATION_FORBIDDEN',
      '您没有办理该单位政府信息公开申请的权限。',
    );
  return { org, scope };
}

/** Masked view of an applicant for audit entries (the audit log never holds personal data). */
export function auditView(a: NewApplication['applicant'], extra: Record<string, unknown> = {}) {
  const m = maskPersonal({ ...a }, a.type === 'natural_person');
  return { applicant_type: a.type, applicant_name: m.name, id_number: m.id_number, ...extra };
}

/**
 * Stores a new application with its files in the given transaction. With a submission token, a
 * second call with the same token returns the first application (`duplicate`); a colliding
 * random ref is drawn again. `queryCode` is hashed before storage.
 */
export async function storeNew(
  ctx: AppContext,
  trx: Tx,
  orgId: number,
  input: NewApplication,
  opts: {
    received_on: string | null;
    clock: RequestClock | null;
    token: string | null;
    queryCode: string;
    enteredBy: number | null;
    files: UploadedFile[];
    ref?: string;
  },
): Promise<Created> {
  const keys = ctx.fieldKeys;
  const a = input.applicant;
  const hashes = applicantHashes(keys, a);
  const now = isoNow(ctx.now());
  for (let attempt = 0; attempt < 8; attempt++) {
    const ref = opts.ref ?? newApplicationRef(input.submitted_on.slice(0, 4));
    const id = await repo.insertApplicationRow(trx, {
      org_id: orgId,
      ref,
      query_code_hash: hashQueryCode(keys, opts.queryCode),
      submission_token: opts.token,
      applicant_type: a.type,
      applicant_name: seal(keys, a.name) ?? '',
      applicant_id_type: a.id_type,
      applicant_id_number: seal(keys, a.id_number),
      applicant_id_hash: hashes.id,
      applicant_contact_hash: hashes.contact,
      applicant_phone: seal(keys, a.phone),
      applicant_email: seal(keys, a.email),
      applicant_address: seal(keys, a.address),
      applicant_postcode: seal(keys, a.postcode),
      channel: input.channel,
      submitted_on: input.submitted_on,
      received_on: opts.received_on,
      description: input.description,
      delivery: input.delivery,
      help_needed: input.help_needed ?? null,
      assigned_to: null,
      entered_by: opts.enteredBy,
      ...clockColumns(opts.clock, []),
      created_at: now,
      updated_at: now,
    });
    if (id !== null) {
      for (const f of opts.files) {
        await repo.insertFileRow(trx, {
          application_id: id,
          role: 'applicant',
          filename: f.filename,
          media_type: f.media_type,
          size: f.data.length,
          sha256: crypto.createHash('sha256').update(f.data).digest('hex'),
          data: f.data,
          created_at: now,
        });
      }
      return { id, ref, queryCode: opts.queryCode, duplicate: false };
    }
    if (opts.token !== null) {
      const existing = await repo.applicationByToken(trx, opts.token);
      if (existing)
        return { id: existing.id, ref: existing.ref, queryCode: opts.queryCode, duplicate: true };
    }
    if (opts.ref !== undefined)
      throw new ValidationError(
        { ref: `受理编号 ${opts.ref} 已被使用` },
        '受理编号重复。',
        'ERR_APPLICATION_REF_TAKEN',
      );
  }
  throw new Error('could not draw a free application ref');
}

/**
 * Registers an application received by staff: in person, by post (signed or unsigned), fax,
 * e-mail, or written down from an oral request (条例第二十九条第一款, entered_by records who).
 * 收到申请之日 follows from the channel (条例第三十一条, receipt.model.ts); an online application
 * without a confirmation date waits for confirmation. Returns the 受理编号 and a 查询码 for the
 * applicant.
 */
export async function registerApplication(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
  input: NewApplication,
): Promise<Created> {
  const { org } = await orgFor(ctx, actor, orgCode, 'handle');
  const today = chinaDate(ctx.now());
  const pending = input.channel === 'online' && !input.confirmed_on;
  const received = pending ? null : receivedOn({ ...input }, today).received_on;
  const cal = await loadCalendar(ctx);
  const clock =
    received === null
      ? null
      : clockOf(cal, { ref: '', ...input, received_on: received, events: [] }, today);
  return ctx.db.transaction().execute(async (trx) => {
    const created = await storeNew(ctx, trx, org.id, input, {
      received_on: received,
      clock,
      token: null,
      queryCode: newQueryCode(),
      enteredBy: actor.userId || null,
      files: [],
    });
    await audit(ctx, trx, actor, {
      orgId: org.id,
      action: 'application.register',
      targetType: 'application',
      targetId: created.ref,
      after: auditView(input.applicant, {
        channel: input.channel,
        oral: input.oral ?? false,
        submitted_on: input.submitted_on,
        received_on: received,
      }),
    });
    return created;
  });
}

/** Loads a case for a write, locked, or ERR_APPLICATION_NOT_FOUND. */
export async function lockedCase(ctx: AppContext, trx: Tx, orgId: number, ref: string) {
  const row = await repo.applicationForUpdate(trx, orgId, ref);
  if (!row) throw new NotFoundError('ERR_APPLICATION_NOT_FOUND', '该申请不存在。');
  return loadStored(ctx, trx, row);
}

/**
 * Confirms an application received online, by e-mail, fax or ordinary letter: the confirmation
 * date becomes 收到申请之日 and the clock starts (条例第三十一条第（二）项、第（三）项).
 * ERR_ALREADY_CONFIRMED when it was received already.
 */
export async function confirmApplication(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
  ref: string,
  confirmedOn: string,
): Promise<RequestClock> {
  const { org } = await orgFor(ctx, actor, orgCode, 'handle');
  const today = chinaDate(ctx.now());
  const cal = await loadCalendar(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const s = await lockedCase(ctx, trx, org.id, ref);
    if (s.received_on !== null)
      throw new ValidationError(
        { confirmed_on: `已于 ${s.received_on} 确认收到` },
        '该申请已确认收到。',
        'ERR_ALREADY_CONFIRMED',
      );
    const received = receivedOn(
      { channel: s.channel, submitted_on: s.submitted_on, confirmed_on: confirmedOn },
      today,
    ).received_on;
    const clock = computeClock(cal, asClockInput(s, received), { today });
    await repo.updateApplicationRow(trx, s.id, {
      received_on: received,
      ...clockColumns(clock, s.events),
      updated_at: isoNow(ctx.now()),
    });
    await audit(ctx, trx, actor, {
      orgId: org.id,
      action: 'application.confirm',
      targetType: 'application',
      targetId: ref,
      before: { received_on: null, status: s.status },
      after: { received_on: received, status: clock.status },
    });
    return clock;
  });
}
