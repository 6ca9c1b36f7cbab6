import { fileTypeFromBuffer } from 'file-type';

/**
 * Attachment rules: the type is decided by the content (file-type, plus OFD = a zip holding
 * OFD.xml, GB/T 33190), never by the name; the name is cleaned for display and never used as a
 * path.
 */

/** Default size limit of one attachment: 50 MB. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024;

/** Accepted types by detected extension → media type served. */
const ACCEPTED: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
};

/** A file's checked type: media type and the extension used for downloads. */
export interface CheckedType {
  mediaType: string;
  ext: string;
}

/** True when a zip archive contains an entry named `OFD.xml` at its root (an OFD document). */
export function zipHasOfdRoot(buf: Uint8Array): boolean {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let at = b.indexOf('PK\u0003\u0004', 0, 'latin1');
  while (at >= 0 && at + 30 <= b.length) {
    const nameLen = b.readUInt16LE(at + 26);
    const name = b.toString('utf8', at + 30, at + 30 + nameLen);
    if (name === 'OFD.xml') return true;
    at = b.indexOf('PK\u0003\u0004', at + 4, 'latin1');
  }
  return false;
}

/**
 * The type of an upload by its content; `nameExt` only chooses between DOC and XLS, which share
 * the OLE2 container. Null when the content is not an accepted type.
 */
export async function detectAttachmentType(
  data: Uint8Array,
  nameExt: string,
): Promise<CheckedType | null> {
  const found = await fileTypeFromBuffer(data);
  if (!found) return null;
  if (found.ext === 'zip')
    return zipHasOfdRoot(data) ? { mediaType: 'application/ofd', ext: 'ofd' } : null;
  if (found.ext === 'cfb') {
    if (nameExt === 'xls') return { mediaType: 'application/vnd.ms-excel', ext: 'xls' };
    return { mediaType: 'application/msword', ext: 'doc' };
  }
  const mediaType = ACCEPTED[found.ext];
  return mediaType ? { mediaType, ext: found.ext } : null;
}

/** The lower-case extension of a file name, or ''. */
export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m?.[1]?.toLowerCase() ?? '';
}

/**
 * A file name safe to show and to offer in Content-Disposition: the last path segment, no
 * control characters, quotes or reserved characters, at most 120 characters, with the checked
 * extension.
 */
export function cleanFilename(raw: string, ext: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  let base = last
    .replace(/[\u0000-\u001f\u007f"<>:|?*;]/g, '')
    .replace(/\.[A-Za-z0-9]{1,8}$/, '')
    .replace(/^\.+/, '')
    .trim();
  if (base === '') base = '附件';
  return `${base.slice(0, 120)}.${ext}`;
}

/** File sizes for people: 1.2 MB, 340 KB. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/**
 * A safe `Content-Disposition: attachment` header for a cleaned name: an ASCII fallback
 * `filename="…"` and the exact name as RFC 5987 `filename*=UTF-8''…` (every byte outside
 * attr-char percent-encoded, so quotes, apostrophes and separators cannot break the header).
 */
export function contentDisposition(filename: string): string {
  const clean = filename.replace(/[\u0000-\u001f\u007f\\/"]/g, '_');
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_').replace(/[%;\\"]/g, '_');
  const encoded = encodeURIComponent(clean).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
