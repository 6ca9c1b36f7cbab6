import type { HolidayCalendar } from '../calendar/calendar.model.js';
import type { AppContext } from '../platform/context.js';
import type { Conn } from '../platform/db/database.js';
import { computeClock, type RequestClock } from './clock.model.js';
import {
  rowToEvent,
  type ApplicationStatus,
  type NewApplication,
  type StoredApplication,
} from './applications.model.js';
import { unseal } from './applications.privacy.js';
import { eventRows, type ApplicationRow } from './requests.repository.js';
import type { Application, ApplicantType, Channel, Delivery } from './requests.model.js';

/** Maps rows to the domain form (decrypting personal fields) and computes clocks. */

/** The applicant of a row, decrypted. */
export function applicantOf(ctx: AppContext, row: ApplicationRow): NewApplication['applicant'] {
  return {
    type: row.applicant_type as ApplicantType,
    name: unseal(ctx.fieldKeys, row.applicant_name) ?? '',
    id_type: row.applicant_id_type,
    id_number: unseal(ctx.fieldKeys, row.applicant_id_number),
    phone: unseal(ctx.fieldKeys, row.applicant_phone),
    email: unseal(ctx.fieldKeys, row.applicant_email),
    address: unseal(ctx.fieldKeys, row.applicant_address),
    postcode: unseal(ctx.fieldKeys, row.applicant_postcode),
  };
}

/** A stored case with its events. */
export async function loadStored(
  ctx: AppContext,
  conn: Conn,
  row: ApplicationRow,
): Promise<StoredApplication> {
  const events = (await eventRows(conn, row.id)).map(rowToEvent);
  return {
    id: row.id,
    orgId: row.org_id,
    ref: row.ref,
    status: row.status as ApplicationStatus,
    applicant: applicantOf(ctx, row),
    channel: row.channel as Channel,
    submitted_on: row.submitted_on,
    received_on: row.received_on,
    description: row.description,
    delivery: row.delivery as Delivery,
    help_needed: row.help_needed,
    assigned_to: row.assigned_to,
    entered_by: row.entered_by,
    reply_due_on: row.reply_due_on,
    correction_notice_due_on: row.correction_notice_due_on,
    paused_working_days: row.paused_working_days,
    outcome: row.outcome,
    legal_basis: row.legal_basis,
    concluded_on: row.concluded_on,
    created_at: row.created_at,
    events,
  };
}

/**
 * The clock of a received application as of `today` (条例第三十条至第三十四条); null before an
 * online application is confirmed, since its period has not started (条例第三十一条).
 * Only the dates matter to the clock, so the applicant is left out.
 */
export function clockOf(
  cal: HolidayCalendar,
  s: Pick<
    StoredApplication,
    'ref' | 'channel' | 'submitted_on' | 'received_on' | 'description' | 'delivery' | 'events'
  >,
  today: string,
): RequestClock | null {
  if (s.received_on === null) return null;
  return computeClock(cal, asClockInput(s, s.received_on), { today });
}

/** The requests.model Application shape the pure rules take (applicant left blank). */
export function asClockInput(
  s: Pick<
    StoredApplication,
    'ref' | 'channel' | 'submitted_on' | 'description' | 'delivery' | 'events'
  >,
  receivedOn: string,
): Application {
  return {
    org: '',
    ref: s.ref,
    applicant: {
      type: 'natural_person',
      name: '',
      id_type: null,
      id_number: null,
      phone: null,
      email: null,
      address: null,
    },
    channel: s.channel,
    submitted_on: s.submitted_on,
    received_on: receivedOn,
    description: s.description,
    delivery: s.delivery,
    events: s.events,
  };
}
