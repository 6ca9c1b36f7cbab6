import { parseInput } from '../platform/validation.js';
import { eventFormSchema, formToEvent } from './applications.events.schema.js';
import { letterEditSchema, letterFieldsSchema, type LetterFields } from './casework.letters.js';
import { CASE_ACTION_INFO, CASE_ACTIONS, type CaseAction } from './letters.model.js';
import type { ApplicationEvent } from './requests.model.js';

/**
 * The action pages of a case (`/admin/orgs/:code/applications/:ref/actions/:action`): which
 * actions the page offers, and how a posted form becomes an event, the letter fields and the
 * case worker's edit of the letter.
 */

/** Actions with a page of their own (登记受理 and 第三方告知 have no event of their own here). */
export const PAGE_ACTIONS = CASE_ACTIONS.filter(
  (a): a is Exclude<CaseAction, 'acknowledge' | 'notify_third_party'> =>
    a !== 'acknowledge' && a !== 'notify_third_party',
);
export type PageAction = (typeof PAGE_ACTIONS)[number];

/** Parses an action name from the URL; null when unknown. */
export function parsePageAction(value: string): PageAction | null {
  return (PAGE_ACTIONS as readonly string[]).includes(value) ? (value as PageAction) : null;
}

/** Whether the action makes a letter the case worker previews before sending. */
export function makesLetter(action: PageAction): boolean {
  return CASE_ACTION_INFO[action].letter !== null || action === 'conclude' || action === 'withdraw';
}

type Body = Record<string, string | string[]>;

/** The event of a posted action form; the type (and party) come from the action, not the form. */
export function actionEvent(action: PageAction, body: Body, approver: string): ApplicationEvent {
  const type = CASE_ACTION_INFO[action].event;
  const party =
    action === 'consult_third_party'
      ? { party: 'third_party' }
      : action === 'consult_other_agency'
        ? { party: 'other_agency' }
        : {};
  // The amount of a fee notice is computed (fees.model.ts); the form does not ask for it.
  const fee = action === 'send_fee_notice' ? { amount_yuan: '0' } : {};
  return formToEvent(parseInput(eventFormSchema, { ...body, ...fee, type, ...party }), approver);
}

/** The letter fields of a posted action form. */
export function actionLetterFields(body: Body): LetterFields {
  return parseInput(letterFieldsSchema, body);
}

/** The edited title and body of a previewed letter (null when not edited). */
export function actionLetterEdit(body: Body): { title: string | null; body: string | null } {
  const e = parseInput(letterEditSchema, body);
  return { title: e.letter_title, body: e.letter_body };
}

/** The form fields carried from the action form through the preview (hidden inputs). */
export const CARRIED_FIELDS = [
  'on',
  'due_on',
  'working_days',
  'approved_by',
  'basis',
  'count_in_month',
  'pages',
  'amount_yuan',
  'outcome',
  'legal_basis',
  ...Object.keys(letterFieldsSchema.shape),
] as const;

/** The carried values of a posted body, as strings. */
export function carried(body: Body): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of CARRIED_FIELDS) {
    const v = body[k];
    if (typeof v === 'string' && v !== '') out[k] = v;
  }
  return out;
}
