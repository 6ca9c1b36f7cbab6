import type { AppContext } from '../platform/context.js';
import { findUserById } from './accounts.repository.js';
import { enrolmentSecret } from './auth.service.js';
import { totpQrDataUrl } from './credentials.js';

/** What the enrolment page shows: the QR code (data: URL), the secret and whether deferral is allowed. */
export async function enrolmentQr(
  ctx: AppContext,
  userId: number,
): Promise<{ qr: string; secret: string; mayDefer: boolean }> {
  const { secret, username } = await enrolmentSecret(ctx, userId);
  const user = await findUserById(ctx.db, userId);
  return {
    qr: await totpQrDataUrl(secret, username),
    secret,
    mayDefer: user?.totp_may_defer === 1,
  };
}
