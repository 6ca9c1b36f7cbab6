import type { ItemRow } from './items.repository.js';
import type { Snapshot } from './versions.model.js';

/** Mapping of stored items for services and pages. */

/** The channels of an item row (stored as a JSON array). */
export function channelsOf(row: Pick<ItemRow, 'channels'>): string[] {
  try {
    const v: unknown = JSON.parse(row.channels);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The version snapshot of an item (what a compare page shows). */
export function snapshotOf(row: ItemRow, columnName: string, attachmentNames: string[]): Snapshot {
  return {
    title: row.title,
    summary: row.summary,
    column: columnName,
    doc_number: row.doc_number,
    formed_on: row.formed_on,
    published_on: row.published_on,
    topic: row.topic,
    genre: row.genre,
    keywords: row.keywords,
    doc_type: row.doc_type,
    validity: row.validity,
    abolished_on: row.abolished_on,
    disclosure_mode: row.disclosure_mode,
    attribute: row.attribute,
    attribute_reason: row.attribute_reason,
    channels: channelsOf(row).join(','),
    interprets_ref: row.interprets_ref,
    attachments: attachmentNames.join('\n') || null,
    body_html: row.body_html,
  };
}

/** Parses a stored snapshot (unknown keys ignored, non-strings become null). */
export function parseSnapshot(text: string): Snapshot {
  const out: Snapshot = {};
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'string' ? x : null;
  } catch {
    // An unreadable snapshot compares as empty rather than breaking the page.
  }
  return out;
}
