import zlib from 'node:zlib';

/**
 * A minimal ZIP writer for hostile uploads: each entry is given as its deflated bytes with the
 * size and CRC it claims, so a "zip bomb" (a small file that inflates to a huge entry) is built
 * without ever holding the inflated data in memory.
 */

export interface ZipEntry {
  name: string;
  deflated: Buffer;
  size: number;
  crc: number;
}

/** An entry from bytes in memory. */
export function entry(name: string, data: Buffer | string): ZipEntry {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, deflated: zlib.deflateRawSync(buf), size: buf.length, crc: zlib.crc32(buf) };
}

/** An entry of `size` bytes of `fill` (e.g. spaces), deflated 1 MB at a time. */
export async function bombEntry(name: string, size: number, fill = 0x20): Promise<ZipEntry> {
  const chunk = Buffer.alloc(1024 * 1024, fill);
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  for (let left = size; left > 0; left -= chunk.length) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = zlib.crc32(part, crc);
    if (!deflate.write(part)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { name, deflated: Buffer.concat(out), size, crc };
}

/** The ZIP file of the entries (deflate, no data descriptors, no ZIP64). */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, e.deflated);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.deflated.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + e.deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CT_DOCX = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const CT_XLSX = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`;
const RELS = (target: string, type: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/></Relationships>`;

/** A DOCX whose word/document.xml inflates to `size` bytes (or whose content types do). */
export async function docxBomb(
  size: number,
  where: 'document' | 'content-types' = 'document',
): Promise<Buffer> {
  return zip([
    where === 'content-types'
      ? await bombEntry('[Content_Types].xml', size)
      : entry('[Content_Types].xml', CT_DOCX),
    entry('_rels/.rels', RELS('word/document.xml', 'officeDocument')),
    where === 'document'
      ? await bombEntry('word/document.xml', size)
      : entry('word/document.xml', '<w:document/>'),
  ]);
}

/** An XLSX whose first sheet inflates to `size` bytes. */
export async function xlsxBomb(size: number): Promise<Buffer> {
  return zip([
    entry('[Content_Types].xml', CT_XLSX),
    entry('_rels/.rels', RELS('xl/workbook.xml', 'officeDocument')),
    entry(
      'xl/workbook.xml',
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    entry('xl/_rels/workbook.xml.rels', RELS('worksheets/sheet1.xml', 'worksheet')),
    await bombEntry('xl/worksheets/sheet1.xml', size),
  ]);
}
