import fs from 'node:fs';
import http from 'node:http';
import type { AppContext } from '../platform/context.js';
import { send } from './mixed-load.js';
import { SUBMISSION_MARK } from './mixed-submit.js';

/** Measures of the mixed benchmark (issue 8) taken beside the load: RSS, CPU, stored rows. */

/** The bench server's resident set size in bytes (`/__bench/rss`). */
export async function rssOf(port: number): Promise<number> {
  const agent = new http.Agent();
  try {
    const r = await send(agent, port, { path: '/__bench/rss' });
    return (JSON.parse(r.body) as { rss: number }).rss;
  } finally {
    agent.destroy();
  }
}

// USER_HZ: 100 on every Linux build Node runs on.
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) used so far by process `pid` (Linux /proc; null elsewhere). */
export function cpuSecondsOf(pid: number | undefined): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/**
 * Applications made by this benchmark (their description carries SUBMISSION_MARK), so that rows
 * added meanwhile by another process on the same dataset are not counted.
 */
export async function submittedCount(ctx: AppContext): Promise<number> {
  const r = await ctx.db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('description', 'like', `%${SUBMISSION_MARK}%`)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** How many of the acknowledged 受理编号 the database holds (each is unique, so ≤ distinct). */
export async function refsStored(
  ctx: AppContext,
  refs: readonly string[],
): Promise<{ distinct: number; found: number }> {
  const distinct = [...new Set(refs)];
  let found = 0;
  for (let i = 0; i < distinct.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('applications')
      .select('ref')
      .where('ref', 'in', distinct.slice(i, i + 500))
      .execute();
    found += rows.length;
  }
  return { distinct: distinct.length, found };
}
