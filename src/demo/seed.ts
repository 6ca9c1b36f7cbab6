import type { AppContext } from '../platform/context.js';

/** Seeds the demo on first start; returns the one-time admin password when it created the admin. */
export async function seedDemo(_ctx: AppContext): Promise<{ adminPassword: string | null }> {
  return { adminPassword: null };
}
