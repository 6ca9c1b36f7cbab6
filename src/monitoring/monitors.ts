import type { HolidayCalendar } from '../calendar/calendar.model.js';
import type { UpdateClass } from '../catalogue/catalogue.model.js';
import { normativeWithoutInterpretation, rereviewQueue } from '../catalogue/figures.service.js';
import type { ItemRow } from '../catalogue/items.repository.js';
import type { OrgRow } from '../orgs/orgs.repository.js';
import { systemActor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { addDays } from '../calendar/calendar.model.js';
import { htmlToText } from '../search/search.text.js';
import { brokenLinkFindings, contentFindings, type ItemText } from './content-scan.model.js';
import {
  columnStates,
  confirmationFindings,
  freshnessFindings,
  newMediaFindings,
  type ColumnState,
  type VetoSummary,
} from './freshness.model.js';
import type { DetectedFinding, MonitorKind } from './monitor.contract.js';
import type { Thresholds } from './monitoring.settings.js';
import {
  attachmentTextsOf,
  columnRows,
  lastPortalPublication,
  lastPublishedByColumn,
  latestDoneLinkRun,
  newMediaRows,
  overdueApplications,
  publishedItemsPage,
  publishedSince,
} from './monitors.repository.js';
import { platformLabel } from './new-media.model.js';
import {
  lateFindings,
  missingInterpretationFindings,
  overdueApplicationFindings,
  rereviewFindings,
  type ItemInfo,
} from './timeliness.model.js';
import { findingsOf } from './links/links.repository.js';
import { loadWhitelist } from './whitelist.repository.js';

/**
 * Every monitor of issue 7: each reads one org's data and returns the findings it sees now, or
 * null when it has nothing to judge by (no finished link-check run): then the findings of its
 * kinds are left as they are instead of being closed.
 */
export interface MonitorEnv {
  today: string;
  t: Thresholds;
  cal: HolidayCalendar;
}

export interface Monitor {
  id: string;
  label: string;
  kinds: readonly MonitorKind[];
  run(ctx: AppContext, org: OrgRow, env: MonitorEnv): Promise<DetectedFinding[] | null>;
}

// The monitors read the catalogue with the system's rights: the caller's permission to run the
// scan was checked by the scan service (monitoring.policy.ts).
const reader = systemActor('monitoring');

const itemInfo = (r: ItemRow): ItemInfo => ({
  id: r.id,
  ref: r.ref,
  title: r.title,
  columnId: r.column_id,
  formedOn: r.formed_on,
  publishedOn: r.published_on,
  attribute: r.attribute,
  rereviewOn: r.rereview_on,
});

/** Column states, the last portal publication and the 单项否决 summary of an org (now). */
export async function orgFreshness(
  ctx: AppContext,
  org: Pick<OrgRow, 'id' | 'name'>,
  env: MonitorEnv,
): Promise<{
  states: ColumnState[];
  lastPortal: string | null;
  findings: DetectedFinding[];
  summary: VetoSummary;
}> {
  const columns = (await columnRows(ctx.db, org.id)).map((c) => ({
    id: c.id,
    code: c.code,
    name: c.name,
    parentId: c.parent_id,
    updateClass: c.update_class as UpdateClass,
  }));
  const states = columnStates(
    columns,
    await lastPublishedByColumn(ctx.db, org.id),
    env.today,
    env.t,
  );
  const lastPortal = await lastPortalPublication(ctx.db, org.id);
  const { findings, summary } = freshnessFindings(org, states, lastPortal, env.today, env.t);
  return { states, lastPortal, findings, summary };
}

const CONTENT_PAGE = 200;

async function contentMonitor(ctx: AppContext, org: OrgRow, env: MonitorEnv) {
  const out: DetectedFinding[] = [];
  // Staff false-positive marks (「忽略」) and platform-wide entries (issue 7, §7.4).
  const whitelist = await loadWhitelist(ctx.db, org.id);
  let after = 0;
  for (;;) {
    const items = await publishedItemsPage(ctx.db, org.id, after, CONTENT_PAGE);
    if (items.length === 0) break;
    const atts = await attachmentTextsOf(
      ctx.db,
      items.map((i) => i.id),
    );
    for (const i of items) {
      const texts: ItemText[] = [{ source: 'body', label: '正文', text: htmlToText(i.body_html) }];
      for (const a of atts)
        if (a.item_id === i.id && a.text_content)
          texts.push({
            source: `attachment:${a.id}`,
            label: `附件《${a.filename}》`,
            text: a.text_content,
          });
      out.push(
        ...contentFindings({ id: i.id, title: i.title, columnId: i.column_id }, texts, {
          today: env.today,
          whitelist,
          // Personal data is stored as a keyed digest + masked form (finding-privacy.ts).
          privacyKey: ctx.fieldKeys.mac,
        }),
      );
    }
    after = items[items.length - 1]?.id ?? after;
    if (items.length < CONTENT_PAGE) break;
  }
  return out;
}

/** The monitors, in the order a scan runs them. */
export const MONITORS: readonly Monitor[] = [
  {
    id: 'freshness',
    label: '栏目与首页更新',
    kinds: ['stale_column', 'blank_column', 'home_not_updated'],
    run: async (ctx, org, env) => (await orgFreshness(ctx, org, env)).findings,
  },
  {
    id: 'confirmation',
    label: '公开指南与联系方式',
    kinds: ['guide_unconfirmed', 'contact_unconfirmed'],
    run: async (_ctx, org, env) =>
      confirmationFindings(
        {
          id: org.id,
          name: org.name,
          guideConfirmedOn: org.guide_confirmed_on,
          contactConfirmedOn: org.contact_confirmed_on,
          contactPerson: org.contact_person,
          contactPhone: org.contact_phone,
        },
        env.today,
        env.t,
      ),
  },
  {
    id: 'late',
    label: '公开及时性',
    kinds: ['late_publication'],
    run: async (ctx, org, env) => {
      const rows = await publishedSince(
        ctx.db,
        org.id,
        addDays(env.today, -env.t.late_lookback_days),
      );
      return lateFindings(
        env.cal,
        rows.map((r) => ({
          id: r.id,
          ref: r.ref,
          title: r.title,
          columnId: r.column_id,
          formedOn: r.formed_on,
          publishedOn: r.published_on,
          attribute: r.attribute,
        })),
        env.today,
        env.t,
      );
    },
  },
  {
    id: 'interpretation',
    label: '政策解读',
    kinds: ['missing_interpretation'],
    run: async (ctx, org) =>
      missingInterpretationFindings(
        (await normativeWithoutInterpretation(ctx, reader, org.id)).map(itemInfo),
      ),
  },
  {
    id: 'rereview',
    label: '不予公开定期审查',
    kinds: ['rereview_overdue'],
    run: async (ctx, org, env) =>
      rereviewFindings(
        (await rereviewQueue(ctx, reader, org.id, env.today)).map(itemInfo),
        env.today,
      ),
  },
  {
    id: 'applications',
    label: '依申请公开答复期限',
    kinds: ['application_overdue'],
    run: async (ctx, org, env) =>
      overdueApplicationFindings(
        (await overdueApplications(ctx.db, org.id, env.today)).map((a) => ({
          id: a.id,
          ref: a.ref,
          status: a.status,
          replyDueOn: a.reply_due_on,
        })),
        env.today,
      ),
  },
  {
    id: 'new_media',
    label: '政务新媒体',
    kinds: ['new_media_stale'],
    run: async (ctx, org, env) =>
      newMediaFindings(
        (await newMediaRows(ctx.db, org.id)).map((a) => ({
          id: a.id,
          platform: a.platform,
          name: a.name,
          status: a.status,
          lastUpdateOn: a.last_update_on,
        })),
        platformLabel,
        env.today,
        env.t,
      ),
  },
  {
    id: 'links',
    label: '链接可用性',
    kinds: ['broken_link'],
    run: async (ctx, org) => {
      const run = await latestDoneLinkRun(ctx.db, org.id);
      if (!run) return null;
      const rows = await findingsOf(ctx.db, run.id);
      return brokenLinkFindings(
        run.id,
        rows.map((r) => ({
          page: r.page,
          url: r.url,
          text: r.text,
          status: r.status,
          onHome: r.on_home === 1,
        })),
      );
    },
  },
  {
    id: 'content',
    label: '内容检查',
    kinds: ['content_personal_data', 'content_secrecy', 'content_expression', 'content_typo'],
    run: contentMonitor,
  },
];

/** The monitor that produces findings of `kind`. */
export function monitorOf(kind: MonitorKind): Monitor {
  const m = MONITORS.find((x) => x.kinds.includes(kind));
  if (!m) throw new Error(`no monitor for kind ${kind}`);
  return m;
}
