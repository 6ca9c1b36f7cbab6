/**
 * Zip-bomb guard for OOXML files (DOCX, XLSX) before a library inflates them: reads the central
 * directory (never decompresses) and refuses archives whose entries declare too much data in
 * total, too many entries, or an extreme compression ratio, and ZIP64 archives (whose 32-bit
 * sizes say nothing). Declared sizes can lie, so extractors also cap their output; this check
 * stops the cheap attack of a small upload that inflates to gigabytes.
 */
export interface ZipLimits {
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  maxEntries: number;
  /** Largest uncompressed ÷ compressed ratio of one entry (of entries above 1 MB). */
  maxRatio: number;
}

export const OOXML_LIMITS: ZipLimits = {
  maxTotalBytes: 200 * 1024 * 1024,
  maxEntries: 10_000,
  maxRatio: 200,
};

export type ZipVerdict =
  { ok: true; totalBytes: number; entries: number } | { ok: false; reason: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** Checks `buf` (a zip archive) against `limits` without inflating anything (pure). */
export function checkZip(buf: Uint8Array, limits: ZipLimits = OOXML_LIMITS): ZipVerdict {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'not a zip archive (no end of central directory)' };
  const entries = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || cdOffset === 0xffffffff) return { ok: false, reason: 'ZIP64 archive' };
  if (entries > limits.maxEntries) return { ok: false, reason: `${entries} entries` };
  if (cdOffset + cdSize > buf.length) return { ok: false, reason: 'truncated central directory' };
  let p = cdOffset;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || view.getUint32(p, true) !== CENTRAL)
      return { ok: false, reason: 'malformed central directory' };
    const compressed = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    if (size === 0xffffffff || compressed === 0xffffffff)
      return { ok: false, reason: 'ZIP64 entry' };
    total += size;
    if (total > limits.maxTotalBytes)
      return { ok: false, reason: `declares more than ${limits.maxTotalBytes} bytes` };
    if (size > 1024 * 1024 && size / Math.max(1, compressed) > limits.maxRatio)
      return {
        ok: false,
        reason: `an entry compressed ${Math.round(size / Math.max(1, compressed))}:1`,
      };
    p +=
      46 +
      view.getUint16(p + 28, true) +
      view.getUint16(p + 30, true) +
      view.getUint16(p + 32, true);
  }
  return { ok: true, totalBytes: total, entries };
}
