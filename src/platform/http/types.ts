import type { Actor } from '../authz.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member with both factors, or null. */
    actor: Actor | null;
    /** Digest id of the session (also set while the second factor is pending). */
    sessionId: string | null;
    /** Signed in with a password but the second factor is still required. */
    pendingUserId: number | null;
    /** 长辈版 (elderly mode) chosen by the reader. */
    elderMode: boolean;
  }
  interface FastifyContextConfig {
    /** Set false on routes that must not be CSRF-checked (token-authenticated APIs). */
    csrf?: boolean;
  }
}

export {};
