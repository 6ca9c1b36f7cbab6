/**
 * The content-check engine (REGULATIONS.md §7.4–§7.6): one entry point for the gate before
 * publishing and for the rescan of everything published (attachment text included). Runs every
 * detector, drops whitelisted findings, sorts by position and keeps the more serious of
 * overlapping findings.
 */
import { detectExpressions, detectInstitutions, detectLeaders } from './expressions.js';
import {
  isWhitelisted,
  type Category,
  type CheckOptions,
  type Detector,
  type Finding,
  type Severity,
} from './findings.model.js';
import { digestOf, findingDigest, storedMatches } from './finding-privacy.js';
import { detectPersonalData } from './personal-data.js';
import { detectSecrecy } from './secrecy.js';
import { detectDates, detectDocNumbers } from './typos-format.js';
import { detectBrackets, detectConfusions, detectRepeats } from './typos.js';

/** Every detector, in category order. */
export const DETECTORS: readonly Detector[] = [
  detectPersonalData,
  detectSecrecy,
  detectExpressions,
  detectInstitutions,
  detectLeaders,
  detectConfusions,
  detectRepeats,
  detectBrackets,
  detectDates,
  detectDocNumbers,
];

const SEVERITY_RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };
const CATEGORY_RANK: Record<Category, number> = {
  secrecy: 4,
  personal_data: 3,
  expression: 2,
  typo: 1,
};

/** Orders findings so that the one to keep of an overlapping pair comes first. */
function weight(f: Finding): number {
  return SEVERITY_RANK[f.severity] * 10 + CATEGORY_RANK[f.category];
}

/** Greedy by weight inside one cluster of transitively overlapping findings (usually 1–3). */
function resolveCluster(cluster: Finding[]): Finding[] {
  const ranked = [...cluster].sort(
    (a, b) => weight(b) - weight(a) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Finding[] = [];
  for (const f of ranked) {
    if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Keeps, of findings whose spans overlap, the higher severity (then category, then longer). */
export function dedupeOverlaps(findings: readonly Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || a.end - b.end);
  const result: Finding[] = [];
  let cluster: Finding[] = [];
  let clusterEnd = -1;
  for (const f of sorted) {
    if (f.start >= clusterEnd && cluster.length) {
      result.push(...resolveCluster(cluster));
      cluster = [];
    }
    cluster.push(f);
    clusterEnd = Math.max(clusterEnd, f.end);
  }
  result.push(...resolveCluster(cluster));
  return result;
}

/** Options of the engine: the detectors' options and the key of personal-data digests. */
export interface EngineOptions extends CheckOptions {
  /**
   * The field MAC key (`ctx.fieldKeys.mac`): whitelist entries and clearances of personal data
   * are stored as keyed digests (finding-privacy.ts) and matched with it.
   */
  privacyKey?: Buffer;
}

/** True when a sealed whitelist entry (a personal-data digest) covers this finding. */
function sealedWhitelisted(f: Finding, options: EngineOptions): boolean {
  if (f.category !== 'personal_data' || !options.privacyKey || !options.whitelist) return false;
  const sealed = options.whitelist.entries.filter((e) => !e.rule || e.rule === f.rule);
  if (!sealed.some((e) => digestOf(e.text) !== null)) return false;
  const digest = findingDigest(options.privacyKey, f.rule, f.text);
  return sealed.some((e) => digestOf(e.text) === digest);
}

/**
 * Runs all content checks on a text; findings sorted by start, overlaps resolved. Whitelist
 * entries in clear match by normalised text, sealed ones (personal data) by digest.
 */
export function checkText(text: string, options: EngineOptions): Finding[] {
  const all = DETECTORS.flatMap((detect) => detect(text, options)).filter(
    (f) => !isWhitelisted(f, options.whitelist) && !sealedWhitelisted(f, options),
  );
  return dedupeOverlaps(all);
}

/** A reviewer's decision to publish despite a blocking finding; the reason is mandatory (§7.6). */
export interface Clearance {
  rule: string;
  /** The finding text, or for personal data its sealed form (digest + masked, finding-privacy.ts). */
  text: string;
  reason: string;
}

/** True when a finding stops publication: any secrecy marker, or high-confidence personal data. */
export function isBlocking(f: Finding): boolean {
  return (
    (f.category === 'secrecy' && f.severity !== 'low') ||
    (f.category === 'personal_data' && f.severity === 'high')
  );
}

/**
 * The blocking findings that no reviewer has cleared with a non-empty reason. With `privacyKey`,
 * personal data is matched by digest (stored clearances never hold the clear number).
 */
export function blockingFindings(
  findings: readonly Finding[],
  clearances: readonly Clearance[] = [],
  privacyKey?: Buffer,
): Finding[] {
  return findings.filter(
    (f) =>
      isBlocking(f) &&
      !clearances.some(
        (c) => c.rule === f.rule && storedMatches(c.text, f, privacyKey) && c.reason.trim() !== '',
      ),
  );
}

/**
 * Whether publication must wait (§7.5 gate, §7.6 保密审查): secrecy high/medium or personal data
 * high blocks until cleared; everything else only warns.
 */
export function blocksPublication(
  findings: readonly Finding[],
  clearances: readonly Clearance[] = [],
  privacyKey?: Buffer,
): boolean {
  return blockingFindings(findings, clearances, privacyKey).length > 0;
}
