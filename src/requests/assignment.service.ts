import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import { ValidationError } from '../platform/errors.js';
import { isoNow } from '../platform/time.js';
import * as repo from './requests.repository.js';
import { lockedCase, orgFor } from './requests.service.js';

/** Assignment and transfer of cases between case workers, and internal notes (issue 4). */

/** Assigns (or transfers) a case to a case worker of the org, or unassigns it (null). Audited. */
export async function assignApplication(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
  ref: string,
  userId: number | null,
): Promise<void> {
  const { org } = await orgFor(ctx, actor, orgCode, 'handle');
  if (userId !== null) {
    const staff = await repo.staffOfOrg(ctx.db, org.id, ['case_worker', 'org_admin']);
    if (!staff.some((u) => u.id === userId))
      throw new ValidationError(
        { assigned_to: '只能分配给本单位的依申请公开承办人' },
        undefined,
        'ERR_ASSIGNEE',
      );
  }
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockedCase(ctx, trx, org.id, ref);
    await repo.updateApplicationRow(trx, s.id, {
      assigned_to: userId,
      updated_at: isoNow(ctx.now()),
    });
    await audit(ctx, trx, actor, {
      orgId: org.id,
      action: s.assigned_to === null ? 'application.assign' : 'application.transfer',
      targetType: 'application',
      targetId: ref,
      before: { assigned_to: s.assigned_to },
      after: { assigned_to: userId },
    });
  });
}

/** Adds an internal note (never shown to the applicant). Audited without the text. */
export async function addNote(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
  ref: string,
  body: string,
): Promise<void> {
  const { org } = await orgFor(ctx, actor, orgCode, 'handle');
  const text = body.trim();
  if (text === '' || text.length > 5000)
    throw new ValidationError(
      { body: text === '' ? '请填写备注内容' : '备注不能超过5000个字' },
      undefined,
      'ERR_NOTE',
    );
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockedCase(ctx, trx, org.id, ref);
    await repo.insertNoteRow(trx, {
      application_id: s.id,
      author_id: actor.userId,
      body: text,
      created_at: isoNow(ctx.now()),
    });
    await audit(ctx, trx, actor, {
      orgId: org.id,
      action: 'application.note',
      targetType: 'application',
      targetId: ref,
      after: { length: text.length },
    });
  });
}
