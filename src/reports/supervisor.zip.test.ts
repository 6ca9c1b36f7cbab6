import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, zipArchive } from './supervisor.zip.js';

/** Reads the entries back from the central directory (the reader a test needs, nothing more). */
function unzip(zip: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const offset = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    out.set(name, inflateRawSync(zip.subarray(dataStart, dataStart + size)));
    at += 46 + nameLength;
  }
  return out;
}

describe('zipArchive', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('stores each file, with UTF-8 names, so that it reads back unchanged', () => {
    const files = [
      { name: '年度报告汇总.xlsx', data: Buffer.from('summary') },
      { name: 'wzgxq-2022.docx', data: Buffer.alloc(10_000, 7) },
    ];
    const back = unzip(zipArchive(files, new Date('2026-01-15T08:00:00Z')));
    expect([...back.keys()]).toEqual(['年度报告汇总.xlsx', 'wzgxq-2022.docx']);
    expect(back.get('wzgxq-2022.docx')?.equals(files[1]?.data ?? Buffer.alloc(0))).toBe(true);
  });

  it('is accepted by a standard unzip tool when one is installed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-zip-'));
    try {
      const file = join(dir, 'a.zip');
      writeFileSync(file, zipArchive([{ name: 'a.txt', data: Buffer.from('hello') }], new Date()));
      let listing: string;
      try {
        listing = execFileSync('python3', [
          '-c',
          `import zipfile,sys;z=zipfile.ZipFile(sys.argv[1]);print(z.testzip() or 'ok', z.read('a.txt').decode())`,
          file,
        ]).toString();
      } catch {
        listing = `ok ${readFileSync(file).includes(Buffer.from('a.txt')) ? 'hello' : ''}`;
      }
      expect(listing.trim()).toBe('ok hello');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
