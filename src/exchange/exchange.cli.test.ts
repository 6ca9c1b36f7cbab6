import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { CliIO } from '../cli/io.js';
import { sampleDocument } from './exchange.fixtures.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-exchange-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function collectingIo(stdin = ''): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    env: {
      DATABASE_URL: `sqlite:${path.join(dir, 'gk.sqlite')}`,
      LOG_LEVEL: 'silent',
      WORKER: 'off',
    },
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
    readStdin: async () => stdin,
  };
  return io;
}

describe('gongkai import / export', () => {
  const file = path.join(dir, 'orgs.json');
  fs.writeFileSync(file, JSON.stringify(sampleDocument()));

  it('imports a file and prints the counts', async () => {
    const io = collectingIo();
    expect(await main(['import', file], io)).toBe(0);
    expect(io.out).toContain('新增 3，更新 0，未变 0');
  });

  it('reads standard input for -, and a second import changes nothing', async () => {
    const io = collectingIo(JSON.stringify(sampleDocument()));
    expect(await main(['import', '-'], io)).toBe(0);
    expect(io.out).toContain('新增 0，更新 0，未变 3');
  });

  it('prints every invalid record to stderr and exits 1', async () => {
    const doc = sampleDocument();
    doc.orgs[0] = { ...doc.orgs[0], kind: 'ministry' };
    doc.orgs[2] = { ...doc.orgs[2], contact: { postcode: '32' } };
    const io = collectingIo(JSON.stringify(doc));
    expect(await main(['import', '-'], io)).toBe(1);
    expect(io.err).toContain('ERR_VALIDATION');
    expect(io.err).toContain('orgs[0].kind');
    expect(io.err).toContain('orgs[2].contact.postcode');
  });

  it('refuses a missing file argument with a usage error', async () => {
    const io = collectingIo();
    expect(await main(['import'], io)).toBe(2);
    expect(await main(['import', path.join(dir, 'missing.json')], io)).toBe(2);
  });

  it('exports one org and its descendants as JSON', async () => {
    const io = collectingIo();
    expect(await main(['export', '--org', 'wzgxq'], io)).toBe(0);
    const doc = JSON.parse(io.out) as { format: string; orgs: Array<{ code: string }> };
    expect(doc.format).toBe('gongkai-exchange');
    expect(doc.orgs.map((o) => o.code)).toEqual(['wzgxq', 'wzgxq-cz', 'wzgxq-jd']);
  });

  it('reports an unknown org on export', async () => {
    const io = collectingIo();
    expect(await main(['export', '--org', 'nope'], io)).toBe(1);
    expect(io.err).toContain('ERR_ORG_NOT_FOUND');
  });
});
