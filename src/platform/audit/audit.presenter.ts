import { formatChinaTime } from '../time.js';

/** One field of a change as shown to staff: its name and the values before and after. */
export interface DiffRow {
  field: string;
  before: string;
  after: string;
}

/** An audit entry as the audit page shows it. */
export interface AuditEntryView {
  seq: number;
  when: string;
  actor: string;
  org: string;
  action: string;
  target: string;
  changes: DiffRow[];
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The changed fields of a stored diff (`{ before, after }` JSON), one row per field. */
export function diffRows(diffJson: string): DiffRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(diffJson);
  } catch {
    return [{ field: '（原始内容）', before: '', after: diffJson }];
  }
  const obj = (v: unknown): Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const root = obj(parsed);
  const before = obj(root.before);
  const after = obj(root.after);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.map((field) => ({ field, before: show(before[field]), after: show(after[field]) }));
}

/** Maps a stored row to what the page shows (China time, org name, readable diff). */
export function presentAuditEntry(row: {
  seq: number;
  at: string;
  actor_name: string;
  org_name: string | null;
  org_id: number | null;
  action: string;
  target_type: string;
  target_id: string | null;
  diff: string;
}): AuditEntryView {
  return {
    seq: row.seq,
    when: formatChinaTime(row.at),
    actor: row.actor_name,
    org: row.org_name ?? (row.org_id === null ? '平台' : `单位 #${row.org_id}`),
    action: row.action,
    target: row.target_id ? `${row.target_type} #${row.target_id}` : row.target_type,
    changes: diffRows(row.diff),
  };
}
