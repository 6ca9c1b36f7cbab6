import { feePerApplication } from './fees.model.js';

/**
 * Application volume per applicant (条例第三十五条, REGULATIONS.md §4.6): the same applicant is
 * recognised by ID number, else by name and phone; applications are counted per org, natural
 * month and year. The monthly count also numbers applications for the 按件 fee
 * (国办函〔2020〕109号 第四条).
 */

/** The part of an application that volume counting needs. */
export interface VolumeRecord {
  org: string;
  ref: string;
  received_on: string;
  applicant: { name: string; id_number: string | null; phone: string | null };
}

/** Above this many applications in one month the applicant is flagged (and the fee starts). */
export const MONTHLY_WARNING_THRESHOLD = 10;

const normaliseId = (id: string): string => id.replace(/\s+/g, '').toUpperCase();
const normaliseName = (name: string): string => name.replace(/\s+/g, '');
/** Digits only, without a leading 86 country code on a mobile number. */
const normalisePhone = (phone: string): string =>
  phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');

/**
 * A stable key for the applicant: `id:<ID number>` when there is one, else `np:<name>|<phone>`,
 * else null (not identifiable; such applications are never merged).
 */
export function applicantKey(a: VolumeRecord['applicant']): string | null {
  const id = a.id_number ? normaliseId(a.id_number) : '';
  if (id) return `id:${id}`;
  const name = normaliseName(a.name);
  const phone = a.phone ? normalisePhone(a.phone) : '';
  return name && phone ? `np:${name}|${phone}` : null;
}

/**
 * Keys for a set of records: a record without an ID number joins the applicant with an ID number
 * who used the same name and phone, when there is exactly one such applicant.
 */
export function applicantKeys(records: readonly VolumeRecord[]): Array<string | null> {
  const idsByNamePhone = new Map<string, Set<string>>();
  for (const r of records) {
    const id = r.applicant.id_number ? normaliseId(r.applicant.id_number) : '';
    const np = applicantKey({ ...r.applicant, id_number: null });
    if (!id || np === null) continue;
    const set = idsByNamePhone.get(np) ?? new Set<string>();
    set.add(`id:${id}`);
    idsByNamePhone.set(np, set);
  }
  return records.map((r) => {
    const key = applicantKey(r.applicant);
    if (key === null || key.startsWith('id:')) return key;
    const ids = idsByNamePhone.get(key);
    return ids && ids.size === 1 ? ([...ids][0] ?? key) : key;
  });
}

export interface ApplicantVolume {
  org: string;
  applicant: string;
  /** 'YYYY-MM' → count. */
  months: Map<string, number>;
  /** 'YYYY' → count. */
  years: Map<string, number>;
}

export interface VolumeWarning {
  org: string;
  applicant: string;
  month: string;
  count: number;
  message: string;
}

/** Counts per org and applicant, per natural month and year, by 收到申请之日. */
export function countVolume(records: readonly VolumeRecord[]): ApplicantVolume[] {
  const keys = applicantKeys(records);
  const byKey = new Map<string, ApplicantVolume>();
  records.forEach((r, i) => {
    const applicant = keys[i];
    if (applicant === null || applicant === undefined) return;
    const k = `${r.org}\u0000${applicant}`;
    const v = byKey.get(k) ?? { org: r.org, applicant, months: new Map(), years: new Map() };
    const month = r.received_on.slice(0, 7);
    const year = r.received_on.slice(0, 4);
    v.months.set(month, (v.months.get(month) ?? 0) + 1);
    v.years.set(year, (v.years.get(year) ?? 0) + 1);
    byKey.set(k, v);
  });
  return [...byKey.values()];
}

/** A warning for every applicant-month above MONTHLY_WARNING_THRESHOLD applications. */
export function volumeWarnings(records: readonly VolumeRecord[]): VolumeWarning[] {
  const out: VolumeWarning[] = [];
  for (const v of countVolume(records)) {
    for (const [month, count] of [...v.months].sort(([a], [b]) => a.localeCompare(b))) {
      if (count <= MONTHLY_WARNING_THRESHOLD) continue;
      const [y, m] = month.split('-');
      out.push({
        org: v.org,
        applicant: v.applicant,
        month,
        count,
        message:
          `同一申请人${y}年${Number(m)}月向本机关提出申请${count}件，超过${MONTHLY_WARNING_THRESHOLD}件：` +
          '第11件起可按件收取信息处理费（国办函〔2020〕109号）；数量、频次明显超过合理范围的，可以要求申请人说明理由（条例第三十五条）',
      });
    }
  }
  return out;
}

/**
 * The position of `target` among the same applicant's applications to the same org in its month
 * (1-based, by received_on then ref), and the 按件 fee at that position; null when the applicant
 * cannot be identified.
 */
export function monthlyOrdinal(
  records: readonly VolumeRecord[],
  target: Pick<VolumeRecord, 'org' | 'ref'>,
): { n: number; fee_yuan: number } | null {
  const keys = applicantKeys(records);
  const index = records.findIndex((r) => r.org === target.org && r.ref === target.ref);
  const me = records[index];
  const key = keys[index];
  if (!me || key === null || key === undefined) return null;
  const month = me.received_on.slice(0, 7);
  const before = records.filter(
    (r, i) =>
      keys[i] === key &&
      r.org === me.org &&
      r.received_on.slice(0, 7) === month &&
      (r.received_on < me.received_on || (r.received_on === me.received_on && r.ref < me.ref)),
  ).length;
  const n = before + 1;
  return { n, fee_yuan: feePerApplication(n) };
}
