import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

it('runs the worker until SIGTERM and then exits cleanly', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-worker-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'worker'], {
    env: { DATABASE_URL: `sqlite:${path.join(dir, 'gk.sqlite')}`, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    if (out.includes('已启动')) child.kill('SIGTERM');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  expect(out).toContain('后台任务进程已停止');
  expect(code).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
}, 30_000);
