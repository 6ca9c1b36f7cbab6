import { loadCalendar } from '../calendar/calendar.service.js';
import type { AppContext } from '../platform/context.js';
import { chinaDate } from '../platform/time.js';
import { findOrg } from '../orgs/orgs.service.js';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from './applications.model.js';
import {
  hashQueryCode,
  normaliseQueryCode,
  normaliseRef,
  sameDigest,
} from './applications.codes.js';
import { clockOf, loadStored } from './applications.rows.js';
import { OUTCOMES, type OutcomeCode } from './requests.model.js';
import * as repo from './requests.repository.js';

/**
 * The applicant's tracking page (受理编号 + 查询码): status in Chinese, the deadlines, every letter
 * sent and the information provided. A wrong pair and an unknown ref give the same answer (null),
 * after the same work, so neither can be told from the other.
 */

/** What the applicant sees: no personal data, no internal notes. */
export interface TrackingView {
  ref: string;
  orgName: string;
  status: string;
  submitted_on: string;
  received_on: string | null;
  reply_due_on: string | null;
  correction_due_on: string | null;
  fee_payment_due: string | null;
  concluded_on: string | null;
  outcome: string | null;
  explanation: string[];
  letters: Array<{ id: number; title: string; sent_on: string | null; hasDocx: boolean }>;
  files: Array<{ id: number; filename: string; size: number }>;
}

const DUMMY_HASH = '0'.repeat(64);

/** The application id for a ref and 查询码 of this org, or null (wrong or unknown alike). */
export async function findTracked(
  ctx: AppContext,
  orgCode: string,
  ref: string,
  code: string,
): Promise<number | null> {
  const org = await findOrg(ctx, orgCode);
  const row = org ? await repo.applicationByOrgRef(ctx.db, org.id, normaliseRef(ref)) : undefined;
  const given = hashQueryCode(ctx.fieldKeys, normaliseQueryCode(code));
  const ok = sameDigest(row?.query_code_hash ?? DUMMY_HASH, given);
  return row && ok ? row.id : null;
}

/** The tracking page of an application found by findTracked, for the org it belongs to. */
export async function trackingView(
  ctx: AppContext,
  orgCode: string,
  applicationId: number,
): Promise<TrackingView | null> {
  const org = await findOrg(ctx, orgCode);
  const row = await ctx.db
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', applicationId)
    .executeTakeFirst();
  if (!org || !row || row.org_id !== org.id) return null;
  const s = await loadStored(ctx, ctx.db, row);
  const clock = clockOf(await loadCalendar(ctx), s, chinaDate(ctx.now()));
  const letters = await ctx.db
    .selectFrom('letters')
    .select(['id', 'title', 'sent_on', (eb) => eb('docx', 'is not', null).as('has_docx')])
    .where('application_id', '=', s.id)
    .where('sent_on', 'is not', null)
    .orderBy('sent_on')
    .orderBy('id')
    .execute();
  return {
    ref: s.ref,
    orgName: org.name,
    status: APPLICATION_STATUS_LABELS[s.status as ApplicationStatus] ?? s.status,
    submitted_on: s.submitted_on,
    received_on: s.received_on,
    reply_due_on: clock?.reply_due ?? null,
    correction_due_on: clock?.status === 'correction_pending' ? clock.correction_due_on : null,
    fee_payment_due: clock?.status === 'awaiting_fee' ? clock.fee_payment_due : null,
    concluded_on: clock?.concluded_on ?? null,
    outcome: clock?.outcome
      ? OUTCOMES[clock.outcome as OutcomeCode].row.replace(/^（.）(\d\.)?/, '')
      : null,
    explanation: clock?.explanation ?? [],
    letters: letters.map((l) => ({
      id: l.id,
      title: l.title,
      sent_on: l.sent_on,
      hasDocx: Boolean(l.has_docx),
    })),
    files: (await repo.fileRows(ctx.db, s.id, 'provided')).map((f) => ({
      id: f.id,
      filename: f.filename,
      size: f.size,
    })),
  };
}

/** A sent letter of the application (HTML or DOCX), or null. */
export async function trackedLetter(ctx: AppContext, applicationId: number, letterId: number) {
  return (await repo.sentLetter(ctx.db, applicationId, letterId)) ?? null;
}

/** A file provided in the reply (role `provided`), or null; the applicant's own uploads are not served. */
export async function trackedFile(ctx: AppContext, applicationId: number, fileId: number) {
  const f = await repo.fileWithData(ctx.db, applicationId, fileId);
  return f && f.role === 'provided' ? f : null;
}
