import { loadCalendar } from '../calendar/calendar.service.js';
import type { HolidayCalendar } from '../calendar/calendar.model.js';
import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import type { Conn } from '../platform/db/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { chinaDate, isoNow } from '../platform/time.js';
import { clockColumns, eventToRow, type StoredApplication } from './applications.model.js';
import { volumeOf } from './applications.query.js';
import { asClockInput, clockOf, loadStored } from './applications.rows.js';
import {
  letterContextOf,
  letterKindFor,
  orgLetterInfo,
  templatesFor,
  type LetterFields,
} from './casework.letters.js';
import { computeClock, type RequestClock } from './clock.model.js';
import { feePerApplication, feePerPage } from './fees.model.js';
import { assertValidHistory } from './history.model.js';
import { letterDocx, makeLetter } from './letters.docx.js';
import type { LetterKind } from './letters.model.js';
import { applyLetterEdit, LETTER_CSS, escapeHtml, type RenderedLetter } from './letters.render.js';
import type { ApplicationEvent } from './requests.model.js';
import { can } from './requests.policy.js';
import * as repo from './requests.repository.js';
import { orgFor } from './requests.service.js';

/**
 * Case actions under the statutory clock (条例第三十条至第三十四条, 国办函〔2020〕109号): an event
 * is checked against the whole history, the clock is recomputed and cached, and the letter the
 * action needs (告知书) is made from the org's template, previewed and edited by the case worker,
 * and stored as HTML and DOCX with the event, all in one transaction.
 */

/** A letter to store with the event, or to show in the preview. */
export interface ActionLetter {
  kind: LetterKind;
  template_id: number | null;
  letter: RenderedLetter;
}

/** What a case action did (or, in preview, would do). */
export interface ActionResult {
  clock: RequestClock;
  event: ApplicationEvent;
  letter: ActionLetter | null;
  letterId: number | null;
}

/** Letter fields and edit of an action; both optional (appendEvent without a letter form). */
export interface ActionOptions {
  fields?: LetterFields;
  edit?: { title: string | null; body: string | null };
}

const NO_FIELDS: LetterFields = {
  points: null,
  party_name: null,
  content: null,
  reason: null,
  payment_method: null,
  letter_kind: null,
  reply_detail: null,
  agency_contact: null,
};

/** A complete HTML document of a letter (stored and downloaded as .html). */
export function letterDocument(letter: RenderedLetter): string {
  return `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(
    letter.title,
  )}</title><style>${LETTER_CSS}</style></head><body>\n${letter.html}\n</body></html>\n`;
}

/**
 * The 信息处理费 of a fee notice, computed by fees.model.ts (国办函〔2020〕109号第三条至第五条):
 * 按件 from the applicant's position in the natural month at this org (volume, 条例第三十五条)
 * unless the case worker gives it, 按量 from the pages. The typed amount is ignored.
 */
async function withFee(
  ctx: AppContext,
  orgId: number,
  ref: string,
  event: ApplicationEvent,
): Promise<ApplicationEvent> {
  if (event.type !== 'fee_notice') return event;
  if (event.basis === 'per_page') {
    if (event.pages === undefined || event.pages === null)
      throw new ValidationError(
        { pages: '按量计收须填写页数' },
        undefined,
        'ERR_FEE_NOTICE_FIELDS',
      );
    return { ...event, amount_yuan: feePerPage(event.pages) };
  }
  let n = event.count_in_month;
  if (n === undefined || n === null) {
    const row = await repo.applicationByOrgRef(ctx.db, orgId, ref);
    n = row ? ((await volumeOf(ctx, row)).ordinal ?? 1) : 1;
  }
  return { ...event, count_in_month: n, amount_yuan: feePerApplication(n) };
}

/** Checks and computes an action on a loaded case (nothing written). */
async function plan(
  conn: Conn,
  cal: HolidayCalendar,
  today: string,
  s: StoredApplication,
  event: ApplicationEvent,
  opts: ActionOptions,
): Promise<{ clock: RequestClock; letter: ActionLetter | null; docx: Buffer | null }> {
  if (s.received_on === null)
    throw new ValidationError(
      { received_on: '请先确认收到申请' },
      '网上申请须先确认收到（条例第三十一条），才能办理。',
      'ERR_NOT_CONFIRMED',
    );
  const events = [...s.events, event];
  const input = asClockInput({ ...s, events }, s.received_on);
  assertValidHistory(cal, input, today);
  const clock = computeClock(cal, input, { today });
  const fields = opts.fields ?? NO_FIELDS;
  const kind = opts.fields ? letterKindFor(event, fields) : null;
  if (kind === null) return { clock, letter: null, docx: null };
  const context = letterContextOf(await orgLetterInfo(conn, s.orgId), s, clock, event, fields);
  const made = await makeLetter({ kind, orgTemplates: await templatesFor(conn, s.orgId), context });
  const edit = opts.edit;
  const edited =
    edit && (edit.title !== null || edit.body !== null)
      ? applyLetterEdit(made.letter, {
          title: edit.title ?? made.letter.title,
          body: edit.body ?? '',
        })
      : null;
  return {
    clock,
    letter: { kind, template_id: made.template.template_id, letter: edited ?? made.letter },
    docx: edited ? await letterDocx(edited) : made.docx,
  };
}

async function caseFor(ctx: AppContext, conn: Conn, orgId: number, ref: string, lock: boolean) {
  const row = lock
    ? await repo.applicationForUpdate(conn, orgId, ref)
    : await repo.applicationByOrgRef(conn, orgId, ref);
  if (!row) throw new NotFoundError('ERR_APPLICATION_NOT_FOUND', '该申请不存在。');
  return loadStored(ctx, conn, row);
}

async function prepare(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
  ref: string,
  raw: ApplicationEvent,
) {
  // An extension is the 负责人's act: the approver role suffices without 'handle' (policy table).
  const needs = raw.type === 'extended' ? 'read' : 'handle';
  const { org, scope } = await orgFor(ctx, actor, orgCode, needs);
  if (raw.type === 'extended' && !can(actor, 'approve', scope))
    throw new ForbiddenError(
      'ERR_FORBIDDEN',
      '延长答复期限须经政府信息公开工作机构负责人同意（条例第三十三条第二款），请由负责人办理。',
    );
  const event = await withFee(ctx, org.id, ref, raw);
  return { org, event, today: chinaDate(ctx.now()), cal: await loadCalendar(ctx) };
}

/**
 * The letter an action would make, for the case worker to read and edit before sending; the
 * history is checked as on sending (refused with its code), and nothing is written.
 */
export async function previewAction(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
  ref: string,
  raw: ApplicationEvent,
  fields: LetterFields,
): Promise<ActionResult> {
  const { org, event, today, cal } = await prepare(ctx, actor, orgCode, ref, raw);
  const s = await caseFor(ctx, ctx.db, org.id, ref, false);
  const p = await plan(ctx.db, cal, today, s, event, { fields });
  return { clock: p.clock, event, letter: p.letter, letterId: null };
}

/**
 * Appends one event to a case's history, with the letter it makes when `opts.fields` is given.
 * The whole history with the new event must pass validateHistory (refused with its code, e.g.
 * ERR_CORRECTION_TWICE, nothing written); an extension needs the approve permission (条例第三十三条
 * 第二款: 经政府信息公开工作机构负责人同意, else ERR_FORBIDDEN). Event, cached clock, letter
 * (HTML + DOCX, sent on the event's date) and audit entry are one transaction.
 */
export async function appendEvent(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
  ref: string,
  raw: ApplicationEvent,
  opts: ActionOptions = {},
): Promise<ActionResult> {
  const { org, event, today, cal } = await prepare(ctx, actor, orgCode, ref, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const s = await caseFor(ctx, trx, org.id, ref, true);
    const p = await plan(trx, cal, today, s, event, opts);
    const { type, on, data } = eventToRow(event);
    const now = isoNow(ctx.now());
    await repo.insertEventRow(trx, {
      application_id: s.id,
      seq: s.events.length + 1,
      type,
      on,
      data,
      actor_id: actor.userId || null,
      created_at: now,
    });
    const cached = clockColumns(p.clock, [...s.events, event]);
    await repo.updateApplicationRow(trx, s.id, { ...cached, updated_at: now });
    let letterId: number | null = null;
    if (p.letter) {
      letterId = await repo.insertLetterRow(trx, {
        application_id: s.id,
        kind: p.letter.kind,
        template_id: p.letter.template_id,
        title: p.letter.letter.title,
        html: letterDocument(p.letter.letter),
        docx: p.docx,
        sent_on: event.on,
        created_by: actor.userId || null,
        created_at: now,
      });
    }
    await audit(ctx, trx, actor, {
      orgId: org.id,
      action: `application.${event.type}`,
      targetType: 'application',
      targetId: ref,
      before: { status: s.status, reply_due_on: s.reply_due_on },
      after: {
        event,
        status: cached.status,
        reply_due_on: cached.reply_due_on,
        letter: p.letter ? { id: letterId, kind: p.letter.kind } : null,
      },
    });
    return { clock: p.clock, event, letter: p.letter, letterId };
  });
}

/** Recomputes the cached clock of one case as of today (open pauses move due dates daily). */
export async function refreshClock(ctx: AppContext, applicationId: number): Promise<void> {
  const today = chinaDate(ctx.now());
  const cal = await loadCalendar(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', applicationId)
      .executeTakeFirst();
    if (!row) return;
    const s = await loadStored(ctx, trx, row);
    await repo.updateApplicationRow(trx, s.id, clockColumns(clockOf(cal, s, today), s.events));
  });
}
