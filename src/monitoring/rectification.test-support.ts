import type { AppContext } from '../platform/context.js';
import { isoNow } from '../platform/time.js';
import { findingKey, type MonitorKind, type SubjectType } from './monitor.contract.js';

/** Builders for the rectification, spot-check and score database tests (plain rows). */

let serial = 0;

/** Inserts a finding row directly (as a monitor would) with a `detected` event; returns its id. */
export async function insertFinding(
  ctx: AppContext,
  orgId: number,
  over: Partial<{
    kind: MonitorKind;
    subjectType: SubjectType;
    subjectId: string;
    severity: 'veto' | 'major' | 'minor';
    status: string;
    title: string;
    detail: Record<string, unknown>;
    columnId: number | null;
    assigneeId: number | null;
    dueOn: string | null;
    firstSeenAt: string;
    closedAt: string | null;
  }> = {},
): Promise<number> {
  const kind = over.kind ?? 'broken_link';
  const subjectType = over.subjectType ?? 'link';
  const subjectId = over.subjectId ?? `s${++serial}`;
  const at = over.firstSeenAt ?? isoNow(ctx.now());
  const row = await ctx.db
    .insertInto('monitor_findings')
    .values({
      org_id: orgId,
      column_id: over.columnId ?? null,
      kind,
      subject_type: subjectType,
      subject_id: subjectId,
      key: findingKey(orgId, { kind, subjectType, subjectId }),
      severity: over.severity ?? 'major',
      title: over.title ?? `测试问题${serial}`,
      detail: JSON.stringify(over.detail ?? { url: 'https://example.gov.cn/x', status: 404 }),
      status: over.status ?? 'open',
      assignee_id: over.assigneeId ?? null,
      due_on: over.dueOn ?? null,
      first_seen_at: at,
      last_seen_at: at,
      closed_at: over.closedAt ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('monitor_finding_events')
    .values({ finding_id: row.id, at, actor_id: null, action: 'detected', note: null })
    .execute();
  return row.id;
}

/** Inserts a column of an org; returns its id. */
export async function insertColumn(
  ctx: AppContext,
  orgId: number,
  code: string,
  name: string,
): Promise<number> {
  const now = isoNow(ctx.now());
  const row = await ctx.db
    .insertInto('columns')
    .values({
      org_id: orgId,
      code,
      name,
      parent_id: null,
      category: null,
      update_class: 'none',
      review_levels: 1,
      is_system: 0,
      sort: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts a published item; returns its id. */
export async function insertItem(
  ctx: AppContext,
  orgId: number,
  columnId: number | null,
  publishedOn: string,
  formedOn = publishedOn,
): Promise<number> {
  const now = isoNow(ctx.now());
  const ref = `T${++serial}`;
  const row = await ctx.db
    .insertInto('items')
    .values({
      org_id: orgId,
      ref,
      index_no: null,
      title: `测试信息${ref}`,
      summary: null,
      body_html: '<p>正文</p>',
      column_id: columnId,
      category: 'art20-01',
      doc_type: 'other',
      doc_number: null,
      formed_on: formedOn,
      published_on: publishedOn,
      channels: '["portal"]',
      validity: null,
      abolished_on: null,
      interprets_ref: null,
      attribute: 'active',
      attribute_reason: null,
      rereview_on: null,
      topic: null,
      genre: null,
      keywords: null,
      disclosure_mode: null,
      status: 'published',
      review_level: 1,
      scheduled_at: null,
      author_id: null,
      version: 1,
      change_note: null,
      withdrawn_on: null,
      withdrawal_reason: null,
      published_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
