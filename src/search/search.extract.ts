import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { attachmentBytes } from '../catalogue/attachments.store.js';
import type { AppContext } from '../platform/context.js';
import type { Conn } from '../platform/db/database.js';
import { checkZip } from '../platform/zip-guard.js';

/**
 * Attachment text for search (issue 6): PDF via unpdf, DOCX via mammoth, XLSX via exceljs, into
 * `attachments.text_content`. A file whose text cannot be extracted is logged and stored as ''
 * (so it is not tried again); extraction never blocks publication: it runs outside the
 * publishing transaction, in the search job or right after an upload.
 */

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Media types whose text is extracted. */
export const EXTRACTABLE_TYPES: readonly string[] = [PDF, DOCX, XLSX];

/** Most characters kept from one attachment. */
const MAX_TEXT = 200_000;

async function xlsxText(data: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  // exceljs' types predate Node's generic Buffer.
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const lines: string[] = [];
  wb.eachSheet((ws) => {
    lines.push(ws.name);
    ws.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell((cell) => {
        const t = cell.text;
        if (t) cells.push(t);
      });
      if (cells.length) lines.push(cells.join(' '));
    });
  });
  return lines.join('\n');
}

/** The plain text of a PDF, DOCX or XLSX file; throws when the file cannot be read. */
export async function extractAttachmentText(mediaType: string, data: Buffer): Promise<string> {
  let text: string;
  if (mediaType === DOCX || mediaType === XLSX) {
    // mammoth and exceljs inflate every entry in memory: refuse zip bombs before they do.
    const verdict = checkZip(data);
    if (!verdict.ok) throw new Error(`refused to extract: ${verdict.reason}`);
  }
  if (mediaType === PDF) {
    const pdf = await getDocumentProxy(new Uint8Array(data));
    text = (await extractText(pdf, { mergePages: true })).text;
  } else if (mediaType === DOCX) {
    text = (await mammoth.extractRawText({ buffer: data })).value;
  } else if (mediaType === XLSX) {
    text = await xlsxText(data);
  } else throw new Error(`no text extractor for ${mediaType}`);
  return text.slice(0, MAX_TEXT);
}

/** Attachments of items waiting for extraction, oldest first. */
async function pendingAttachments(conn: Conn, limit: number) {
  return conn
    .selectFrom('attachments')
    .select(['id', 'item_id', 'media_type', 'data', 'filename', 'storage', 'sha256'])
    .where('text_content', 'is', null)
    .where('item_id', 'is not', null)
    .where('media_type', 'in', [...EXTRACTABLE_TYPES])
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Extracts the text of up to `limit` pending attachments and returns the ids of the items whose
 * attachments changed (to re-index them). Failures are logged and stored as '' .
 */
export async function extractPending(ctx: AppContext, limit = 20): Promise<number[]> {
  const rows = await pendingAttachments(ctx.db, limit);
  const items = new Set<number>();
  for (const row of rows) {
    let text = '';
    try {
      text = await extractAttachmentText(row.media_type, await attachmentBytes(ctx, row));
    } catch (err) {
      ctx.logger.warn(
        {
          attachmentId: row.id,
          filename: row.filename,
          err: err instanceof Error ? err.message : String(err),
        },
        'attachment text extraction failed; indexed without its text',
      );
    }
    await ctx.db
      .updateTable('attachments')
      .set({ text_content: text })
      .where('id', '=', row.id)
      .execute();
    if (row.item_id !== null) items.add(row.item_id);
  }
  return [...items];
}
