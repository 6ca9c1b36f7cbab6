import { z } from 'zod';
import type { Conn } from '../platform/db/database.js';
import type { StoredApplication } from './applications.model.js';
import type { RequestClock } from './clock.model.js';
import type { LetterContext } from './letters.context.js';
import {
  consultationLetterKind,
  defaultReplyKind,
  replyKindsFor,
  type LetterKind,
} from './letters.model.js';
import type { StoredTemplate } from './letters.templates.js';
import type { ApplicationEvent } from './requests.model.js';

/**
 * What a case action's letter is made from (issue 4): which letter an event needs, the fields the
 * case worker types for it, and the LetterContext built from the case, the org and the clock after
 * the event. Pure apart from the two small reads at the end.
 */

const text = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null),
    z.string().max(max, `不能超过${max}个字`).nullable(),
  );

/** The letter fields of the action forms (all optional; a template names what it needs). */
export const letterFieldsSchema = z.object({
  points: text(2000),
  party_name: text(200),
  content: text(2000),
  reason: text(2000),
  payment_method: text(500),
  letter_kind: text(60),
  reply_detail: text(2000),
  agency_contact: text(500),
});
export type LetterFields = z.output<typeof letterFieldsSchema>;

/** The case worker's edit of the previewed letter (letterEditText / applyLetterEdit). */
export const letterEditSchema = z.object({
  letter_title: text(200),
  letter_body: text(20000),
});

/** Default 缴纳方式 until the org writes its own (国办函〔2020〕109号: 财政票据, 缴入国库). */
export const DEFAULT_PAYMENT_METHOD =
  '请持本通知书到本机关政府信息公开工作机构当面缴纳，或者按本机关告知的非税收入缴款方式缴纳。';

/** The letter an event makes, or null (收到补正, 意见收到 and 缴费 make none). */
export function letterKindFor(event: ApplicationEvent, f: LetterFields): LetterKind | null {
  switch (event.type) {
    case 'correction_requested':
      return 'correction_request';
    case 'consultation_started':
      return consultationLetterKind(event.party);
    case 'extended':
      return 'extension';
    case 'fee_notice':
      return 'fee_notice';
    case 'concluded': {
      const kinds: string[] = replyKindsFor(event.outcome);
      return f.letter_kind !== null && kinds.includes(f.letter_kind)
        ? (f.letter_kind as LetterKind)
        : defaultReplyKind(event.outcome);
    }
    case 'withdrawn':
      return 'reply_other_withdrawn';
    default:
      return null;
  }
}

/** The org's letter settings (orgs row with the 20261128_0220 columns). */
export interface OrgLetterInfo {
  name: string;
  letter_prefix: string | null;
  review_body: string | null;
  court: string | null;
  contact: LetterContext['org']['contact'];
}

/** Wording of the 救济途径 until the org names its 复议机关 and 法院 (条例第五十一条). */
export const GENERIC_REMEDY = {
  review_body: '本机关的本级人民政府或者上一级主管部门',
  court: '有管辖权的人民法院',
};

/**
 * The context of the letter `event` makes, from the case, the clock after the event (new due
 * dates) and the fields typed by the case worker. The letter is dated on the event's date.
 */
export function letterContextOf(
  org: OrgLetterInfo,
  s: StoredApplication,
  clock: RequestClock,
  event: ApplicationEvent,
  f: LetterFields,
): LetterContext {
  const correction = s.events.find((e) => e.type === 'correction_requested');
  const ctx: LetterContext = {
    ref: s.ref,
    today: event.on,
    org: { name: org.name, letter_prefix: org.letter_prefix, contact: org.contact },
    remedy: {
      review_body: org.review_body ?? GENERIC_REMEDY.review_body,
      court: org.court ?? GENERIC_REMEDY.court,
    },
    applicant: { ...s.applicant },
    submitted_on: s.submitted_on,
    received_on: clock.received_on,
    channel: s.channel,
    description: s.description,
    delivery: s.delivery,
    reply_due_on: clock.reply_due,
    reason: f.reason,
    correction:
      correction?.type === 'correction_requested'
        ? { due_on: correction.due_on, points: f.points ?? '' }
        : null,
  };
  if (event.type === 'concluded' && event.legal_basis) ctx.legal_basis = event.legal_basis;
  switch (event.type) {
    case 'correction_requested':
      ctx.correction = { due_on: event.due_on, points: f.points ?? '' };
      break;
    case 'consultation_started':
      ctx.consultation = { party_name: f.party_name ?? '', content: f.content ?? '' };
      break;
    case 'extended':
      ctx.extension = { working_days: event.working_days, reason: f.reason ?? '' };
      break;
    case 'fee_notice':
      ctx.fee = {
        amount_yuan: event.amount_yuan,
        basis: event.basis,
        count_in_month: event.count_in_month ?? null,
        pages: event.pages ?? null,
        payment_method: f.payment_method ?? DEFAULT_PAYMENT_METHOD,
        due_on: clock.fee_payment_due,
      };
      break;
    case 'concluded': {
      const d = f.reply_detail;
      ctx.reply = {
        access_method: d,
        provided: d,
        withheld: f.reason,
        responsible_agency: d,
        responsible_agency_contact: f.agency_contact,
        complaint_channel: d,
        publication_source: d,
        previous_reply: d,
        query_channel: d,
      };
      break;
    }
    default:
      break;
  }
  return ctx;
}

/** The org's letter settings. */
export async function orgLetterInfo(conn: Conn, orgId: number): Promise<OrgLetterInfo> {
  const o = await conn
    .selectFrom('orgs')
    .selectAll()
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  return {
    name: o.name,
    letter_prefix: o.letter_prefix ?? null,
    review_body: o.review_body ?? null,
    court: o.court ?? null,
    contact: {
      office: o.contact_office,
      address: o.contact_address,
      hours: o.contact_hours,
      phone: o.contact_phone,
      fax: o.contact_fax,
      email: o.contact_email,
      postcode: o.contact_postcode,
    },
  };
}

/** Stored templates an org's letters resolve from: its own versions and platform defaults. */
export async function templatesFor(conn: Conn, orgId: number): Promise<StoredTemplate[]> {
  return conn
    .selectFrom('letter_templates')
    .select(['id', 'org_id', 'kind', 'version', 'title', 'body'])
    .where((eb) => eb.or([eb('org_id', '=', orgId), eb('org_id', 'is', null)]))
    .execute();
}
