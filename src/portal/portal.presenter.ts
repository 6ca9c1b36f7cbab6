import type { PortalOrg } from '../platform/views/layouts.js';
import type { Org } from '../orgs/orgs.model.js';

/** What public pages show of an org: its name, site code and 公开指南 contacts, nothing else. */
export function toPortalOrg(org: Org): PortalOrg {
  return {
    code: org.code,
    name: org.name,
    siteIdCode: org.siteIdCode,
    contactOffice: org.contact.office,
    contactAddress: org.contact.address,
    contactPhone: org.contact.phone,
    contactEmail: org.contact.email,
    contactPostcode: org.contact.postcode,
  };
}

/** An item in a public list: title, link and the dates and 文号 lists show. */
export interface PublicItemSummary {
  href: string;
  title: string;
  publishedOn: string;
  formedOn: string;
  docNumber: string | null;
  validity: string | null;
}

/** A downloadable attachment as the public sees it. */
export interface PublicAttachment {
  href: string;
  name: string;
  typeLabel: string;
  size: string;
}

/** An item page: the government metadata box, body, attachments and linked interpretations. */
export interface PublicItem extends PublicItemSummary {
  indexNo: string | null;
  publisher: string;
  topic: string | null;
  abolishedOn: string | null;
  /** Stored sanitised HTML (sanitised on save and on import). */
  bodyHtml: string | null;
  summary: string | null;
  changeNote: string | null;
  pubDateTime: string;
  attachments: PublicAttachment[];
  policy: PublicItemSummary | null;
  interpretations: PublicItemSummary[];
}

/** What a withdrawn item's stable URL shows: that it was withdrawn, when and why. */
export interface WithdrawalNotice {
  title: string;
  indexNo: string | null;
  withdrawnOn: string | null;
  reason: string | null;
}

const VALIDITY: Record<string, string> = { valid: '有效', invalid: '失效', abolished: '废止' };

/** 有效性 label, or null. */
export function validityLabel(v: string | null): string | null {
  return v === null ? null : (VALIDITY[v] ?? null);
}

/** The public URL of an item (stable: by id). */
export function itemHref(orgCode: string, id: number): string {
  return `/${orgCode}/items/${id}`;
}

/** A list entry of a public item. */
export function toItemSummary(
  orgCode: string,
  row: {
    id: number;
    title: string;
    published_on: string | null;
    formed_on: string;
    doc_number: string | null;
    validity: string | null;
  },
): PublicItemSummary {
  return {
    href: itemHref(orgCode, row.id),
    title: row.title,
    publishedOn: row.published_on ?? '',
    formedOn: row.formed_on,
    docNumber: row.doc_number,
    validity: validityLabel(row.validity),
  };
}

const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/msword': 'Word（DOC）',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word（DOCX）',
  'application/vnd.ms-excel': 'Excel（XLS）',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel（XLSX）',
  'application/ofd': 'OFD',
  'image/png': 'PNG 图片',
  'image/jpeg': 'JPEG 图片',
  'image/gif': 'GIF 图片',
  'image/webp': 'WebP 图片',
  'video/mp4': 'MP4 视频',
  'audio/mpeg': 'MP3 音频',
  'audio/mp4': 'M4A 音频',
  'audio/wav': 'WAV 音频',
};

/** A file size for people: 1.2 MB, 340 KB, 512 B. */
export function humanSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** An attachment as listed on the item page. */
export function toPublicAttachment(
  orgCode: string,
  a: { id: number; filename: string; media_type: string; size: number },
): PublicAttachment {
  return {
    href: `/${orgCode}/attachments/${a.id}`,
    name: a.filename,
    typeLabel: TYPE_LABELS[a.media_type] ?? '文件',
    size: humanSize(a.size),
  };
}
