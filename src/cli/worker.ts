import os from 'node:os';
import { loadConfig } from '../platform/config.js';
import { createContext } from '../platform/bootstrap.js';
import { startWorker } from '../platform/jobs/worker.js';
import { parseOptions, type Command } from './io.js';

/**
 * `gongkai worker`: runs the job loop on its own until SIGINT or SIGTERM, then waits for the job
 * in hand to finish and exits 0. Start as many as needed on PostgreSQL; on SQLite one is enough
 * (set WORKER=off on the web server when running it).
 */
export const run: Command = async (args, io) => {
  parseOptions(args, {});
  const ctx = await createContext(loadConfig(io.env));
  const worker = startWorker(ctx, { id: `worker-${os.hostname()}-${process.pid}` });
  const signalled = new Promise<void>((resolve) => {
    // `on`, not `once`, and never removed: the process ends with this command, and a wrapper
    // (tsx, a process-manager shim) that sees no listener would kill it mid-shutdown.
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
  io.stdout(`后台任务进程已启动（${worker.id}），按 Ctrl+C 停止\n`);
  await signalled;
  io.stdout('正在停止：等待当前任务完成…\n');
  await worker.stop();
  await ctx.database.close();
  io.stdout('后台任务进程已停止\n');
  return 0;
};
