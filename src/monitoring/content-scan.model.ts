import { checkText, type EngineOptions } from './engine.js';
import { findingDigest, maskFinding } from './finding-privacy.js';
import type { Category, Finding } from './findings.model.js';
import type { DetectedFinding, FindingSeverity, MonitorKind } from './monitor.contract.js';

/**
 * The rescan of published content (REGULATIONS.md §7.4–§7.6) and the broken links of the last
 * link-check run (§7.3 链接可用性), turned into monitor findings. Pure.
 */

const KIND_OF: Record<Category, MonitorKind> = {
  personal_data: 'content_personal_data',
  secrecy: 'content_secrecy',
  expression: 'content_expression',
  typo: 'content_typo',
};

/**
 * Severity of a content finding: 泄露国家秘密 and 严重表述错误 are 单项否决 (§7.2 安全、泄密事故);
 * personal data is major at high confidence; everything else minor.
 */
export function contentSeverity(f: Finding): FindingSeverity {
  if (f.category === 'secrecy') return 'veto';
  if (f.category === 'expression' && f.severity === 'high') return 'veto';
  if (f.category === 'personal_data' && f.severity === 'high') return 'major';
  if (f.category === 'expression') return 'major';
  return 'minor';
}

/** One text of a published item: its body or an attachment's extracted text. */
export interface ItemText {
  /** `body` or `attachment:<id>`. */
  source: string;
  /** What staff call it: 正文 or the attachment's file name. */
  label: string;
  text: string;
}

/**
 * Runs the content engine over an item's texts. Low-confidence findings (repeated characters,
 * unbalanced brackets, minor 文号 style) are left to the pre-publication gate. One finding per
 * item, source, rule and matched text; repeats are counted in `detail.occurrences`.
 *
 * Personal data is never stored in clear: the title, `detail.text` and `detail.context` carry
 * the masked form, `detail.digest` the keyed digest (`options.privacyKey`) that 「忽略」 puts on
 * the whitelist, and the finding's identity uses the digest, so it is stable across rescans.
 * Without a key the masked form stands in for the identity and there is no digest.
 */
export function contentFindings(
  item: { id: number; title: string; columnId: number | null },
  texts: readonly ItemText[],
  options: EngineOptions,
): DetectedFinding[] {
  const byKey = new Map<string, DetectedFinding>();
  for (const t of texts) {
    for (const raw of checkText(t.text, options)) {
      if (raw.severity === 'low') continue;
      const personal = raw.category === 'personal_data';
      const digest =
        personal && options.privacyKey
          ? findingDigest(options.privacyKey, raw.rule, raw.text)
          : null;
      const f = maskFinding(raw);
      const subjectId = `${item.id}:${t.source}:${f.rule}:${digest ?? f.text}`;
      const existing = byKey.get(subjectId);
      if (existing) {
        existing.detail.occurrences = Number(existing.detail.occurrences) + 1;
        continue;
      }
      byKey.set(subjectId, {
        kind: KIND_OF[f.category],
        subjectType: 'item',
        subjectId,
        columnId: item.columnId,
        severity: contentSeverity(f),
        title: `「${item.title}」${t.label}：${f.suggestion}（「${f.text}」）`,
        detail: {
          item_id: item.id,
          source: t.source,
          source_label: t.label,
          rule: f.rule,
          category: f.category,
          confidence: f.severity,
          text: f.text,
          context: f.context,
          ...(digest ? { digest } : {}),
          start: f.start,
          end: f.end,
          suggestion: f.suggestion,
          occurrences: 1,
        },
      });
    }
  }
  return [...byKey.values()];
}

/** A broken link of a link-check run (link_check_findings). */
export interface BrokenLinkRow {
  page: string;
  url: string;
  text: string;
  status: string;
  onHome: boolean;
}

/**
 * One finding per broken URL of the run, naming the pages that link to it. Broken on the 首页 is
 * major, elsewhere minor (§7.3 counts 首页 and 其他页面 apart).
 */
export function brokenLinkFindings(
  runId: number,
  rows: readonly BrokenLinkRow[],
): DetectedFinding[] {
  const byUrl = new Map<string, BrokenLinkRow[]>();
  for (const r of rows) byUrl.set(r.url, [...(byUrl.get(r.url) ?? []), r]);
  return [...byUrl.entries()].map(([url, rs]) => {
    const first = rs[0] as BrokenLinkRow;
    const onHome = rs.some((r) => r.onHome);
    const label = rs.find((r) => r.text.trim())?.text.trim() ?? '';
    return {
      kind: 'broken_link' as const,
      subjectType: 'link' as const,
      subjectId: url,
      columnId: null,
      severity: onHome ? ('major' as const) : ('minor' as const),
      title: `${onHome ? '首页' : '页面'}链接不可用：${label ? `「${label}」` : ''}${url}（${first.status}）`,
      detail: {
        run_id: runId,
        url,
        status: first.status,
        text: label,
        on_home: onHome,
        pages: rs.map((r) => r.page).slice(0, 20),
        page_count: rs.length,
        rule: 'REGULATIONS §7.3 链接可用性',
      },
    };
  });
}
