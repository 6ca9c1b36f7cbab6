import type { RequestClock, RequestStatus } from './clock.model.js';
import { STATUS_LABELS } from './clock.model.js';
import type {
  Application,
  ApplicationEvent,
  ApplicantType,
  Channel,
  Delivery,
} from './requests.model.js';

/**
 * Stored applications (依申请公开) as the services see them, between the database rows and the
 * exchange records of requests.model.ts.
 */

/** Where a stored case stands: the clock's status, or 待确认 before an online one is confirmed. */
export type ApplicationStatus = RequestStatus | 'awaiting_confirmation';

export const APPLICATION_STATUS_LABELS: Readonly<Record<ApplicationStatus, string>> = {
  awaiting_confirmation: '待确认（网上申请）',
  ...STATUS_LABELS,
};

/** Statuses of cases still to be answered. */
export const OPEN_STATUSES: readonly ApplicationStatus[] = [
  'awaiting_confirmation',
  'registered',
  'correction_pending',
  'in_progress',
  'paused_consultation',
  'awaiting_fee',
];

/** 身份证明 types offered on the forms (条例第二十九条第（一）项). */
export const ID_TYPES = ['resident_id', 'uscc', 'passport', 'other'] as const;
export type IdType = (typeof ID_TYPES)[number];
export const ID_TYPE_LABELS: Readonly<Record<IdType, string>> = {
  resident_id: '居民身份证',
  uscc: '统一社会信用代码',
  passport: '护照',
  other: '其他有效证件',
};

/** Help an applicant with reading or visual difficulties may ask for (条例第四十三条). */
export const HELP_KINDS = ['oral', 'read_aloud', 'large_print', 'accessible_copy'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];
export const HELP_LABELS: Readonly<Record<HelpKind, string>> = {
  oral: '口头提出申请，由工作人员代为填写',
  read_aloud: '为我朗读答复和有关材料',
  large_print: '提供大字版材料',
  accessible_copy: '提供无障碍格式的电子文档',
};

/** Everything needed to store a new application (public or staff-registered). */
export interface NewApplication {
  applicant: {
    type: ApplicantType;
    name: string;
    id_type: string | null;
    id_number: string | null;
    phone: string | null;
    email: string | null;
    address: string | null;
    postcode: string | null;
  };
  channel: Channel;
  submitted_on: string;
  /** `mail`: the date signed for. */
  signed_on?: string | null;
  /** `online`, `email`, `fax`, `mail_unsigned`: the date confirmed with the applicant. */
  confirmed_on?: string | null;
  description: string;
  delivery: Delivery;
  /** 条例第四十三条: the help wanted or given, in words. */
  help_needed?: string | null;
  /** Staff wrote down an oral application (条例第二十九条第一款). */
  oral?: boolean;
}

/** An uploaded file, already checked by content. */
export interface UploadedFile {
  filename: string;
  media_type: string;
  data: Buffer;
}

/** A stored case in domain form: the record plus what only the platform keeps. */
export interface StoredApplication {
  id: number;
  orgId: number;
  ref: string;
  status: ApplicationStatus;
  applicant: NewApplication['applicant'];
  channel: Channel;
  submitted_on: string;
  received_on: string | null;
  description: string;
  delivery: Delivery;
  help_needed: string | null;
  assigned_to: number | null;
  entered_by: number | null;
  reply_due_on: string | null;
  correction_notice_due_on: string | null;
  paused_working_days: number;
  outcome: string | null;
  legal_basis: string | null;
  concluded_on: string | null;
  created_at: string;
  events: ApplicationEvent[];
}

/** The exchange form (requests.model.ts) of a received case; null before receipt. */
export function toExchangeApplication(org: string, s: StoredApplication): Application | null {
  if (s.received_on === null) return null;
  return {
    org,
    ref: s.ref,
    applicant: {
      type: s.applicant.type,
      name: s.applicant.name,
      id_type: s.applicant.id_type,
      id_number: s.applicant.id_number,
      phone: s.applicant.phone,
      email: s.applicant.email,
      address: s.applicant.address,
    },
    channel: s.channel,
    submitted_on: s.submitted_on,
    received_on: s.received_on,
    description: s.description,
    delivery: s.delivery,
    events: s.events,
  };
}

/** The cached columns of a case computed from its clock (null clock: not yet received). */
export function clockColumns(clock: RequestClock | null, events: readonly ApplicationEvent[]) {
  const end = events.find((e) => e.type === 'concluded');
  return {
    status: (clock?.status ?? 'awaiting_confirmation') as ApplicationStatus,
    reply_due_on: clock?.reply_due ?? null,
    correction_notice_due_on: clock?.correction_notice_due ?? null,
    paused_working_days: clock?.paused_working_days ?? 0,
    outcome: clock?.outcome ?? null,
    legal_basis: end?.type === 'concluded' ? end.legal_basis : null,
    concluded_on: clock?.concluded_on ?? null,
  };
}

/** Splits an event into its type, date and the JSON of its other fields (application_events). */
export function eventToRow(e: ApplicationEvent): { type: string; on: string; data: string } {
  const { type, on, ...rest } = e;
  return { type, on, data: JSON.stringify(rest) };
}

/** The event of an application_events row. */
export function rowToEvent(r: { type: string; on: string; data: string }): ApplicationEvent {
  return { type: r.type, on: r.on, ...(JSON.parse(r.data) as object) } as ApplicationEvent;
}
