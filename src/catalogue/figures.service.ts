import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { CHANNELS, timeliness, yearBounds, type Channel } from './catalogue.model.js';
import { assertCatalogue } from './columns.service.js';
import { channelsOf } from './items.model.js';
import type { ItemRow } from './items.repository.js';

/** Figures derived from the catalogue: table 二 (EXCHANGE.md §2.1), timeliness, flags. */

/** Issued / abolished / in force counts of one document type in a year. */
export interface DocFigures {
  issued: number;
  abolished: number;
  in_force: number;
}

/** Table 二 第（一）项 and the channel counts of an org's annual report. */
export interface ProactiveFigures {
  rules: DocFigures;
  normative_documents: DocFigures;
  channels: Record<Channel, number>;
}

/**
 * Table 二 第（一）项 and channel counts for an org and year, per EXCHANGE.md §2.1: rules and
 * normative documents with 成文日期 in the year are issued, with 废止日期 in the year abolished;
 * in force = formed on or before 31 December and not abolished by then. Only issued documents
 * count (published, or withdrawn after publication: `published_on` set). Channels: 主动公开 items
 * with 发布日期 in the year, once per channel (条例第二十三、二十四条).
 */
export async function proactiveFigures(
  ctx: AppContext,
  orgId: number,
  year: number,
): Promise<ProactiveFigures> {
  const { first, last } = yearBounds(year);
  const docs = await ctx.db
    .selectFrom('items')
    .select(['doc_type', 'formed_on', 'abolished_on'])
    .where('org_id', '=', orgId)
    .where('doc_type', 'in', ['rule', 'normative'])
    .where('published_on', 'is not', null)
    .where('formed_on', '<=', last)
    .execute();
  const empty = (): DocFigures => ({ issued: 0, abolished: 0, in_force: 0 });
  const figures = { rule: empty(), normative: empty() };
  for (const d of docs) {
    const f = d.doc_type === 'rule' ? figures.rule : figures.normative;
    if (d.formed_on >= first) f.issued++;
    if (d.abolished_on !== null && d.abolished_on >= first && d.abolished_on <= last) f.abolished++;
    if (d.abolished_on === null || d.abolished_on > last) f.in_force++;
  }
  const published = await ctx.db
    .selectFrom('items')
    .select('channels')
    .where('org_id', '=', orgId)
    .where('attribute', '=', 'active')
    .where('published_on', '>=', first)
    .where('published_on', '<=', last)
    .execute();
  const channels = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  for (const p of published)
    for (const c of new Set(channelsOf(p))) if (c in channels) channels[c as Channel]++;
  return { rules: figures.rule, normative_documents: figures.normative, channels };
}

/** Timeliness of one column (or the whole org) in a year. */
export interface TimelinessRow {
  columnId: number | null;
  columnName: string;
  published: number;
  late: number;
}

/**
 * Publication timeliness (条例第二十六条) of an org's 主动公开 items published in a year: late
 * when 发布日期 is after addWorkingDays(成文日期, 20). Per column and in total.
 */
export async function timelinessStats(
  ctx: AppContext,
  orgId: number,
  year: number,
): Promise<{ total: TimelinessRow; columns: TimelinessRow[] }> {
  const { first, last } = yearBounds(year);
  const cal = await loadCalendar(ctx);
  const rows = await ctx.db
    .selectFrom('items')
    .leftJoin('columns', 'columns.id', 'items.column_id')
    .select([
      'items.column_id',
      'columns.name as column_name',
      'items.formed_on',
      'items.published_on',
    ])
    .where('items.org_id', '=', orgId)
    .where('items.attribute', '=', 'active')
    .where('items.published_on', '>=', first)
    .where('items.published_on', '<=', last)
    .execute();
  const total: TimelinessRow = { columnId: null, columnName: '合计', published: 0, late: 0 };
  const byColumn = new Map<number | null, TimelinessRow>();
  for (const r of rows) {
    const key = r.column_id;
    let c = byColumn.get(key);
    if (!c) {
      c = { columnId: key, columnName: r.column_name ?? '（未分栏目）', published: 0, late: 0 };
      byColumn.set(key, c);
    }
    const late = timeliness(cal, r.formed_on, r.published_on, r.published_on ?? last).late;
    for (const t of [c, total]) {
      t.published++;
      if (late) t.late++;
    }
  }
  return {
    total,
    columns: [...byColumn.values()].sort(
      (a, b) => b.late - a.late || a.columnName.localeCompare(b.columnName),
    ),
  };
}

/**
 * Published 行政规范性文件 without any published interpretation (REGULATIONS.md §3.8: the
 * report of "政策解读同步关联").
 */
export async function normativeWithoutInterpretation(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
): Promise<ItemRow[]> {
  await assertCatalogue(ctx.db, actor, 'read', orgId);
  return ctx.db
    .selectFrom('items as p')
    .selectAll('p')
    .where('p.org_id', '=', orgId)
    .where('p.doc_type', '=', 'normative')
    .where('p.status', '=', 'published')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('items as i')
            .select('i.id')
            .whereRef('i.org_id', '=', 'p.org_id')
            .whereRef('i.interprets_ref', '=', 'p.ref')
            .where('i.status', '=', 'published'),
        ),
      ),
    )
    .orderBy('p.published_on', 'desc')
    .limit(500)
    .execute();
}

/** 不予公开 items due for their periodic re-review on or before `today` (条例第十八条). */
export async function rereviewQueue(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  today: string,
): Promise<ItemRow[]> {
  await assertCatalogue(ctx.db, actor, 'read', orgId);
  return ctx.db
    .selectFrom('items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('attribute', '=', 'withheld')
    .where('status', '!=', 'withdrawn')
    .where('rereview_on', '<=', today)
    .orderBy('rereview_on')
    .limit(500)
    .execute();
}

/** Interpretations of a policy (by its ref), for the staff item page. */
export async function interpretationsOf(
  ctx: AppContext,
  orgId: number,
  ref: string,
): Promise<ItemRow[]> {
  return ctx.db
    .selectFrom('items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('interprets_ref', '=', ref)
    .orderBy('id')
    .execute();
}
