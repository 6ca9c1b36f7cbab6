import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import type { ItemForm } from './catalogue.schema.js';

/** Builders shared by the catalogue's database tests. */

/** An actor holding one role at one org. */
export function actor(
  userId: number,
  orgId: number,
  role: 'editor' | 'reviewer' | 'org_admin',
): Actor {
  return {
    userId,
    username: `${role}${userId}`,
    isPlatformAdmin: false,
    grants: [{ orgId, role }],
  };
}

/** Inserts a bare user row (no password or second factor) and returns its id. */
export async function user(ctx: AppContext, name: string): Promise<number> {
  const r = await ctx.db
    .insertInto('users')
    .values({
      username: name,
      display_name: name,
      email: null,
      password_hash: 'x',
      is_platform_admin: 0,
      totp_secret: null,
      totp_enabled: 0,
      totp_may_defer: 0,
      failed_logins: 0,
      locked_until: null,
      disabled: 0,
      created_at: 'now',
      updated_at: 'now',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** A valid item form in a column, with overrides. */
export const form = (columnId: number, over: Partial<ItemForm> = {}): ItemForm => ({
  column_id: columnId,
  title: '关于印发某某管理办法的通知',
  summary: null,
  body_html:
    '<p>正文</p><script>alert(1)</script><p><a href="javascript:alert(1)">x</a><img src="x" onerror="alert(1)"></p>',
  doc_number: '温高管[2026]3号',
  formed_on: '2026-03-02',
  published_on: null,
  topic: null,
  genre: '通知',
  keywords: null,
  doc_type: 'normative',
  validity: 'valid',
  abolished_on: null,
  disclosure_mode: null,
  attribute: 'active',
  attribute_reason: null,
  channels: ['portal', 'platform'],
  interprets_ref: null,
  change_note: null,
  ...over,
});
