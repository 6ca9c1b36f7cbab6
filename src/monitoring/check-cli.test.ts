import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { CliIO } from '../cli/io.js';

function collectingIO(stdin = ''): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    env: {},
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    readStdin: async () => stdin,
  };
  return io;
}

async function fileWith(text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'gongkai-check-')), 'input.txt');
  await writeFile(file, text, 'utf8');
  return file;
}

describe('gongkai check text', () => {
  it('prints one finding per line and exits 1 when something blocks publication', async () => {
    const io = collectingIO();
    const code = await main(
      ['check', 'text', await fileWith('申请人身份证号11010519491231002X。')],
      io,
    );
    expect(code).toBe(1);
    expect(io.out).toBe(
      '[personal_data/id_card] 7-25 「11010519491231002X」 → 含居民身份证号码，发布前请删除或遮盖（如 110101********1234）\n',
    );
    expect(io.err).toContain('阻止发布');
  });

  it('exits 0 when findings only warn', async () => {
    const io = collectingIO();
    expect(await main(['check', 'text', await fileWith('请尽快按装设备。')], io)).toBe(0);
    expect(io.out).toContain('[typo/typo.confusion] 3-5 「按装」 → ');
  });

  it('prints a JSON array with --format json', async () => {
    const io = collectingIO();
    const code = await main(
      ['check', 'text', await fileWith('内部资料\n正文'), '--format', 'json'],
      io,
    );
    expect(code).toBe(1);
    expect(JSON.parse(io.out)).toEqual([
      {
        category: 'secrecy',
        rule: 'internal_marker',
        start: 0,
        end: 4,
        text: '内部资料',
        suggestion: expect.any(String),
        severity: 'medium',
        context: '内部资料 正文',
      },
    ]);
  });

  it('reads standard input when FILE is -', async () => {
    const io = collectingIO('政府信息公开工作年度报告。');
    expect(await main(['check', 'text', '-', '--format=json'], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual([]);
  });

  it('exits 2 with a Chinese message for a missing file, a missing argument or a bad format', async () => {
    const missing = collectingIO();
    expect(await main(['check', 'text', '/nonexistent/gongkai.txt'], missing)).toBe(2);
    expect(missing.err).toContain('无法读取文件');
    const noFile = collectingIO();
    expect(await main(['check', 'text'], noFile)).toBe(2);
    expect(noFile.err).toContain('用法');
    const badFormat = collectingIO();
    expect(await main(['check', 'text', '-', '--format', 'xml'], badFormat)).toBe(2);
  });
});
