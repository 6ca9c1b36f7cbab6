import { z } from 'zod';
import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import type { Conn } from '../platform/db/database.js';
import { AppError, ConflictError } from '../platform/errors.js';
import { chinaDate, isoNow } from '../platform/time.js';
import { formText, parseInput } from '../platform/validation.js';
import { blockingFindings, checkText, isBlocking } from '../monitoring/engine.js';
import {
  auditText,
  findingDigest,
  maskFinding,
  matchKeyOf,
  sealedText,
  storedMatches,
} from '../monitoring/finding-privacy.js';
import type { Category, Finding } from '../monitoring/findings.model.js';
import { attachmentTextsOf } from '../monitoring/monitors.repository.js';
import { loadWhitelist } from '../monitoring/whitelist.repository.js';
import { htmlToText } from '../search/search.text.js';
import { assertCatalogue } from './columns.service.js';
import type { ItemRow } from './items.repository.js';
import { itemOf } from './items.service.js';

/**
 * The pre-publication content gate (issue 7, REGULATIONS.md §7.4–§7.6): the content checks run on
 * an item's title, body text and attachments' extracted text with the org's whitelist. Blocking
 * findings (secrecy markers, high-confidence personal data) stop the final approval and the
 * publication (now, scheduled, or by the scheduler) until a reviewer who is not the author clears
 * each one with a reason. Clearances are stored per item version but match by rule + text, so a
 * new version only needs clearances for findings not cleared before.
 *
 * Personal data leaves this module masked (`text`, `context`: pages, the ERR_CONTENT_BLOCKED
 * page, the scheduler's gate_blocked comment); clearances store it sealed (keyed digest + masked
 * form) and audit entries the masked form and the digest (finding-privacy.ts).
 */

/** A finding of one text of the item; personal data has `text` and `context` masked. */
export interface GateFinding extends Finding {
  /** What the clearance form posts: the keyed digest for personal data, else the text. */
  matchKey: string;
  /** `title`, `body` or `attachment:<id>`. */
  source: string;
  /** 标题, 正文 or 附件《name》. */
  label: string;
  blocking: boolean;
  /** The clearance that lets it through, when there is one. */
  clearance: ClearanceView | null;
}

export interface ClearanceView {
  version: number;
  rule: string;
  /** As stored: clear for secrecy markers, sealed (digest + masked) for personal data. */
  text: string;
  reason: string;
  clearedBy: number | null;
  clearedAt: string;
}

export interface GateResult {
  findings: GateFinding[];
  /** Blocking findings nobody has cleared yet. */
  open: GateFinding[];
}

/** Categories in the order reviewers see them: 个人信息 and 涉密标志 first. */
const ORDER: Record<Category, number> = { personal_data: 0, secrecy: 1, expression: 2, typo: 3 };

async function itemTexts(
  conn: Conn,
  row: ItemRow,
): Promise<Array<{ source: string; label: string; text: string }>> {
  const texts = [
    { source: 'title', label: '标题', text: row.title },
    { source: 'body', label: '正文', text: htmlToText(row.body_html) },
  ];
  for (const a of await attachmentTextsOf(conn, [row.id]))
    if (a.text_content)
      texts.push({
        source: `attachment:${a.id}`,
        label: `附件《${a.filename}》`,
        text: a.text_content,
      });
  return texts;
}

export async function clearancesOf(conn: Conn, itemId: number): Promise<ClearanceView[]> {
  const rows = await conn
    .selectFrom('item_check_clearances')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    rule: r.rule,
    text: r.text,
    reason: r.reason,
    clearedBy: r.cleared_by,
    clearedAt: r.cleared_at,
  }));
}

/** Runs the checks on the item as it is now (no permission check: callers have one). */
export async function gateOf(ctx: AppContext, conn: Conn, row: ItemRow): Promise<GateResult> {
  const key = ctx.fieldKeys.mac;
  const options = {
    today: chinaDate(ctx.now()),
    whitelist: await loadWhitelist(conn, row.org_id),
    privacyKey: key,
  };
  const clearances = await clearancesOf(conn, row.id);
  const findings: GateFinding[] = [];
  for (const t of await itemTexts(conn, row)) {
    for (const f of checkText(t.text, options)) {
      const blocking = isBlocking(f);
      const open = blocking && blockingFindings([f], clearances, key).length > 0;
      findings.push({
        ...maskFinding(f),
        matchKey: matchKeyOf(f, key),
        source: t.source,
        label: t.label,
        blocking,
        clearance:
          blocking && !open
            ? (clearances.find((c) => c.rule === f.rule && storedMatches(c.text, f, key)) ?? null)
            : null,
      });
    }
  }
  findings.sort((a, b) => ORDER[a.category] - ORDER[b.category]);
  return { findings, open: findings.filter((f) => f.blocking && !f.clearance) };
}

/** Throws ERR_CONTENT_BLOCKED (409) when a blocking finding is not cleared. */
export async function assertGate(ctx: AppContext, conn: Conn, row: ItemRow): Promise<void> {
  const { open } = await gateOf(ctx, conn, row);
  if (open.length) throw blockedError(open);
}

export function blockedError(open: readonly GateFinding[]): AppError {
  const what = [...new Set(open.map((f) => (f.category === 'secrecy' ? '涉密标志' : '个人信息')))];
  return new AppError(
    'ERR_CONTENT_BLOCKED',
    409,
    `内容检查发现 ${open.length} 处${what.join('、')}问题，须由审核人（非起草人）逐项确认并填写理由后才能发布。`,
  );
}

/** The gate of an item for its pages (read permission). */
export async function itemGate(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  id: number,
): Promise<GateResult> {
  await assertCatalogue(ctx.db, actor, 'read', orgId);
  return gateOf(ctx, ctx.db, await itemOf(ctx.db, orgId, id));
}

export const clearanceSchema = z.object({
  rule: formText('规则', 200),
  text: formText('问题文字', 500),
  reason: formText('确认理由', 500),
});

/**
 * A reviewer (not the author) clears one blocking finding of the current version with a reason
 * (§7.6 保密审查: the decision and its reason are recorded and audited).
 */
export async function clearFinding(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  id: number,
  form: unknown,
): Promise<void> {
  await assertCatalogue(ctx.db, actor, 'review', orgId);
  const input = parseInput(clearanceSchema, form);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await itemOf(trx, orgId, id);
    if (row.author_id === actor.userId)
      throw new AppError('ERR_SELF_CLEAR', 403, '不能确认本人起草的信息中的检查问题。');
    if (row.status === 'published' || row.status === 'withdrawn')
      throw new ConflictError('ERR_ITEM_STATE', '该信息当前的状态不需要发布前确认。');
    const { open } = await gateOf(ctx, trx, row);
    // The page posts the digest of personal data; a caller may post the clear text instead.
    const given = [input.text, findingDigest(ctx.fieldKeys.mac, input.rule, input.text)];
    const finding = open.find((f) => f.rule === input.rule && given.includes(f.matchKey));
    if (!finding)
      throw new ConflictError('ERR_NOTHING_TO_CLEAR', '该问题不存在或已经确认，请刷新后重试。');
    const text =
      finding.category === 'personal_data'
        ? sealedText(finding.matchKey, finding.text)
        : finding.text;
    const at = isoNow(ctx.now());
    const r = await trx
      .insertInto('item_check_clearances')
      .values({
        item_id: id,
        version: row.version,
        rule: input.rule,
        text,
        reason: input.reason,
        cleared_by: actor.userId,
        cleared_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, {
      orgId,
      action: 'item.content_clear',
      targetType: 'item',
      targetId: id,
      after: {
        clearance_id: r.id,
        version: row.version,
        rule: input.rule,
        ...auditText(text),
        reason: input.reason,
      },
    });
  });
}
