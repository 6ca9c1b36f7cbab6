import { addDays } from '../calendar/calendar.model.js';
import type { AppContext } from '../platform/context.js';
import { chinaDate, isoNow } from '../platform/time.js';

/**
 * Demo 政务新媒体 accounts of an org (illustrative names): one updated recently, one not updated
 * for weeks (the monitor flags it), one closed. Idempotent: an org with accounts is left alone.
 */
export async function seedDemoNewMedia(ctx: AppContext, orgCode: string): Promise<void> {
  const org = await ctx.db
    .selectFrom('orgs')
    .select('id')
    .where('code', '=', orgCode)
    .executeTakeFirst();
  if (!org) return;
  const existing = await ctx.db
    .selectFrom('new_media_accounts')
    .select('id')
    .where('org_id', '=', org.id)
    .executeTakeFirst();
  if (existing) return;
  const today = chinaDate(ctx.now());
  const now = isoNow(ctx.now());
  const rows = [
    ['wechat', '温州高新区发布（演示）', 'operating', addDays(today, -3)],
    ['douyin', '高新区政务服务（演示）', 'operating', addDays(today, -40)],
    ['weibo', '高新区经发局（演示）', 'closed', '2024-06-30'],
  ] as const;
  await ctx.db
    .insertInto('new_media_accounts')
    .values(
      rows.map(([platform, name, status, last]) => ({
        org_id: org.id,
        platform,
        name,
        owner: '温州高新区(经开区)管委会办公室',
        status,
        merged_into: null,
        url: null,
        last_update_on: last,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}
