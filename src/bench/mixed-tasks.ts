import type { MixSample } from './mixed-sample.js';
import { apiSearchPath, portalSearchPath } from './mixed-sample.js';
import { get, type Task } from './mixed-load.js';
import { SUBMIT_KINDS, submitOnce } from './mixed-submit.js';
import { LIST_QUERIES } from './requests.bench.js';

/** The mix of the mixed benchmark (issue 8): kind → relative weight (a submission is one task). */
export const MIX = {
  'portal item': 25,
  'portal column': 12,
  'portal home': 8,
  'portal search': 10,
  'api search': 5,
  submission: 5,
  'staff case list': 10,
  'staff dashboard': 5,
  'staff item list': 8,
  'staff monitoring': 5,
} as const;
export type MixKind = keyof typeof MIX;

/** The request kinds in the order of the report (a submission is three requests). */
export const KIND_ORDER = [
  'portal item',
  'portal column',
  'portal home',
  'portal search',
  'api search',
  ...SUBMIT_KINDS,
  'staff case list',
  'staff dashboard',
  'staff item list',
  'staff monitoring',
] as const;

/** Query strings of the catalogue item list /admin/orgs/:code/items. */
const ITEM_LIST_QUERIES = ['', '?page=2', '?page=10', '?view=review'];

/** Draws a mix kind by weight. */
export function drawKind(rand: () => number): MixKind {
  const total = Object.values(MIX).reduce((a, b) => a + b, 0);
  let x = rand() * total;
  for (const [k, w] of Object.entries(MIX) as Array<[MixKind, number]>) {
    x -= w;
    if (x < 0) return k;
  }
  return 'portal item';
}

/** A signed-in staff session and the org whose pages it opens. */
export interface StaffSession {
  org: string;
  cookie: string;
}

/**
 * The tasks of the mix on the server at `port`: `taskOf(kind)` makes one task of that kind with
 * URLs, queries, orgs and staff sessions drawn by `rand`; `refs` collects the 受理编号 of every
 * acknowledged submission.
 */
export function mixTasks(opts: {
  port: number;
  sample: MixSample;
  staff: readonly StaffSession[];
  rand: () => number;
}): { taskOf: (kind: MixKind) => Task; next: () => Task; refs: string[] } {
  const { port, sample, staff, rand } = opts;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const refs: string[] = [];
  let submissions = 0;
  const taskOf =
    (kind: MixKind): Task =>
    async (agent, rec) => {
      const page = (path: string) => get(agent, port, rec, kind, path);
      const staffPage = (path: string) => {
        const s = pick(staff);
        return get(agent, port, rec, kind, `/admin/orgs/${s.org}${path}`, { cookie: s.cookie });
      };
      switch (kind) {
        case 'portal item':
          return void (await page(pick(sample.items)));
        case 'portal column':
          return void (await page(pick(sample.columns)));
        case 'portal home':
          return void (await page(pick(sample.homes)));
        case 'portal search':
          return void (await page(portalSearchPath(pick(sample.searches))));
        case 'api search':
          return void (await page(apiSearchPath(pick(sample.searches))));
        case 'submission': {
          const ref = await submitOnce(agent, port, rec, pick(sample.orgs), submissions++);
          if (ref) refs.push(ref);
          return;
        }
        case 'staff case list':
          return void (await staffPage(`/applications${pick(LIST_QUERIES)}`));
        case 'staff dashboard':
          return void (await staffPage('/requests'));
        case 'staff item list':
          return void (await staffPage(`/items${pick(ITEM_LIST_QUERIES)}`));
        case 'staff monitoring':
          return void (await staffPage('/monitoring'));
      }
    };
  return { taskOf, next: () => taskOf(drawKind(rand)), refs };
}
