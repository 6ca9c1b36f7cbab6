import { z } from 'zod';
import { count, isoDate, nullableText, orgRef, recordRef, text, yuan } from '../exchange.fields.js';

/** Outcome codes of a concluded application, in the order of the annual report's rows (§1.3). */
export const OUTCOMES = [
  'open',
  'partial',
  'withheld_state_secret',
  'withheld_prohibited_by_law',
  'withheld_security_stability',
  'withheld_third_party',
  'withheld_internal_affairs',
  'withheld_process_info',
  'withheld_enforcement_file',
  'withheld_query_matter',
  'unable_not_held',
  'unable_needs_creation',
  'unable_unclear_after_correction',
  'rejected_complaint',
  'rejected_duplicate',
  'rejected_publication',
  'rejected_excessive',
  'rejected_confirmation',
  'other_correction_overdue',
  'other_fee_unpaid',
  'other',
] as const;

const event = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('correction_requested'), on: isoDate, due_on: isoDate }),
  z.strictObject({ type: z.literal('correction_received'), on: isoDate }),
  z.strictObject({
    type: z.literal('consultation_started'),
    on: isoDate,
    party: z.enum(['third_party', 'other_agency']),
  }),
  z.strictObject({ type: z.literal('consultation_ended'), on: isoDate }),
  z.strictObject({
    type: z.literal('extended'),
    on: isoDate,
    working_days: z.number().int().min(1).max(20),
    approved_by: text(100),
  }),
  z.strictObject({
    type: z.literal('fee_notice'),
    on: isoDate,
    amount_yuan: yuan,
    basis: z.enum(['per_application', 'per_page']),
    pages: count.optional(),
    count_in_month: count.optional(),
  }),
  z.strictObject({ type: z.literal('fee_paid'), on: isoDate, amount_yuan: yuan }),
  z.strictObject({
    type: z.literal('concluded'),
    on: isoDate,
    outcome: z.enum(OUTCOMES),
    legal_basis: nullableText(500),
  }),
  z.strictObject({ type: z.literal('withdrawn'), on: isoDate }),
]);

/** `applications[]`: 依申请公开 cases with their events (EXCHANGE.md §1.3, 条例第二十九至三十三条). */
export const applicationRecordSchema = z.strictObject({
  org: orgRef,
  ref: recordRef,
  applicant: z.strictObject({
    type: z.enum([
      'natural_person',
      'commercial',
      'research',
      'public_interest',
      'legal_services',
      'other',
    ]),
    name: text(200),
    id_type: nullableText(40),
    id_number: nullableText(40),
    phone: nullableText(60),
    email: nullableText(200),
    address: nullableText(500),
  }),
  channel: z.enum(['online', 'in_person', 'mail', 'mail_unsigned', 'fax', 'email']),
  submitted_on: isoDate,
  received_on: isoDate,
  description: text(10_000),
  delivery: z.enum(['paper', 'email', 'disc', 'inspect', 'other']),
  events: z.array(event).default([]),
});
export type ApplicationRecord = z.output<typeof applicationRecordSchema>;
