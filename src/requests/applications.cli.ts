import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { applicationsOfOrg } from './requests.repository.js';
import { orgFor } from './requests.service.js';

/** One line of `gongkai applications list`: the cached clock of a case (no personal data). */
export interface CliApplication {
  ref: string;
  status: string;
  received_on: string | null;
  reply_due_on: string | null;
  correction_notice_due_on: string | null;
  paused_working_days: number;
  outcome: string | null;
  concluded_on: string | null;
}

/** Every application of the org, oldest first, as the CLI prints it. */
export async function listAllForCli(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
): Promise<CliApplication[]> {
  const { org } = await orgFor(ctx, actor, orgCode, 'read');
  return (await applicationsOfOrg(ctx.db, org.id)).map((r) => ({
    ref: r.ref,
    status: r.status,
    received_on: r.received_on,
    reply_due_on: r.reply_due_on,
    correction_notice_due_on: r.correction_notice_due_on,
    paused_working_days: r.paused_working_days,
    outcome: r.outcome,
    concluded_on: r.concluded_on,
  }));
}
