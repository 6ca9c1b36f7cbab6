import { z } from 'zod';
import type { Conn } from '../platform/db/database.js';

/**
 * Monitoring thresholds (REGULATIONS.md §7.2, §7.3): tenant settings whose defaults are the
 * values of the national check tables. Stored as JSON under one `settings` key,
 * `monitoring.thresholds`: `{ orgs: { "<orgId>": { …partial thresholds } } }`. Each org's
 * values override the defaults in code; unknown or invalid stored values fall back to them.
 */
export const SETTING_MONITORING_THRESHOLDS = 'monitoring.thresholds';

const int = (label: string, min: number, max: number) =>
  z.coerce
    .number({ message: `请填写${label}` })
    .refine((n) => Number.isFinite(n), `请填写${label}`)
    .refine((n) => Number.isInteger(n), `${label}须为整数`)
    .refine((n) => n >= min && n <= max, `${label}须在 ${min} 到 ${max} 之间`);

/** Field → [label, min, max, default]. The order is the form's order. */
export const THRESHOLD_FIELDS = {
  news_days: ['动态要闻类栏目更新周期（天）', 1, 365, 14],
  notice_months: ['通知公告类栏目更新周期（月）', 1, 60, 6],
  policy_months: ['政策文件类栏目更新周期（月）', 1, 60, 6],
  personnel_plan_months: ['人事、规划计划类栏目更新周期（月）', 1, 60, 12],
  home_days: ['首页不更新判定（天）', 1, 365, 14],
  stale_veto: ['单项否决：动态、通知公告、政策文件类栏目不更新数（个）', 1, 1000, 5],
  long_stale_veto: ['单项否决：应更新但长期未更新栏目数（个）', 1, 1000, 10],
  blank_veto: ['单项否决：空白栏目数（个）', 1, 1000, 5],
  confirm_days: ['公开指南、联系方式确认周期（天）', 1, 3650, 90],
  late_lookback_days: ['公开不及时：检查最近发布的信息（天）', 1, 3650, 90],
  new_media_days: ['政务新媒体更新周期（天）', 1, 365, 14],
  due_working_days: ['整改期限（工作日）', 1, 250, 10],
  veto_due_working_days: ['单项否决问题整改期限（工作日）', 1, 250, 5],
} as const satisfies Record<string, readonly [string, number, number, number]>;

export type ThresholdField = keyof typeof THRESHOLD_FIELDS;
export type Thresholds = Record<ThresholdField, number>;

const FIELD_NAMES = Object.keys(THRESHOLD_FIELDS) as ThresholdField[];

/** The defaults of REGULATIONS.md §7.2 / §7.3 and issue 7. */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze(
  Object.fromEntries(FIELD_NAMES.map((f) => [f, THRESHOLD_FIELDS[f][3]])) as Thresholds,
);

/** The settings form: every field required, a whole number within its range. */
export const thresholdsSchema = z.object(
  Object.fromEntries(
    FIELD_NAMES.map((f) => {
      const [label, min, max] = THRESHOLD_FIELDS[f];
      return [
        f,
        z.preprocess(
          (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
          int(label, min, max),
        ),
      ];
    }),
  ) as unknown as Record<ThresholdField, z.ZodType<number>>,
);

/** Keeps only the valid stored values of one org. */
function validPart(raw: unknown): Partial<Thresholds> {
  if (!raw || typeof raw !== 'object') return {};
  const out: Partial<Thresholds> = {};
  for (const f of FIELD_NAMES) {
    const v = (raw as Record<string, unknown>)[f];
    const [, min, max] = THRESHOLD_FIELDS[f];
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) out[f] = v;
  }
  return out;
}

type Stored = { orgs: Record<string, unknown> };

async function readStored(conn: Conn): Promise<Stored> {
  const row = await conn
    .selectFrom('settings')
    .select('value')
    .where('key', '=', SETTING_MONITORING_THRESHOLDS)
    .executeTakeFirst();
  if (!row) return { orgs: {} };
  try {
    const parsed = JSON.parse(row.value) as unknown;
    const orgs = (parsed as { orgs?: unknown } | null)?.orgs;
    return { orgs: orgs && typeof orgs === 'object' ? (orgs as Record<string, unknown>) : {} };
  } catch {
    return { orgs: {} };
  }
}

/** The thresholds in force for an org: its stored values over the defaults. */
export async function thresholdsFor(conn: Conn, orgId: number): Promise<Thresholds> {
  const stored = await readStored(conn);
  return { ...DEFAULT_THRESHOLDS, ...validPart(stored.orgs[String(orgId)]) };
}

/** Stores an org's thresholds (already validated); returns the values before. */
export async function saveThresholds(
  conn: Conn,
  orgId: number,
  values: Thresholds,
): Promise<Thresholds> {
  const stored = await readStored(conn);
  const before = { ...DEFAULT_THRESHOLDS, ...validPart(stored.orgs[String(orgId)]) };
  stored.orgs[String(orgId)] = values;
  const value = JSON.stringify(stored);
  const existing = await conn
    .selectFrom('settings')
    .select('key')
    .where('key', '=', SETTING_MONITORING_THRESHOLDS)
    .executeTakeFirst();
  if (existing)
    await conn
      .updateTable('settings')
      .set({ value })
      .where('key', '=', SETTING_MONITORING_THRESHOLDS)
      .execute();
  else
    await conn
      .insertInto('settings')
      .values({ key: SETTING_MONITORING_THRESHOLDS, value })
      .execute();
  return before;
}
