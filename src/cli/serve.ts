import { loadConfig } from '../platform/config.js';
import { createContext } from '../platform/bootstrap.js';
import { buildApp } from '../platform/http/app.js';
import { startWorker } from '../platform/jobs/worker.js';
import { seedDemo } from '../demo/seed.js';
import { parseOptions, type Command } from './io.js';

/** `gongkai serve [--demo]`: migrates, optionally seeds the demo, serves HTTP, runs the worker. */
export const run: Command = async (args, io) => {
  const { options } = parseOptions(args, { demo: 'boolean' });
  const config = loadConfig(io.env);
  const ctx = await createContext(config);
  if (options.demo) {
    const { adminPassword } = await seedDemo(ctx);
    if (adminPassword) {
      io.stdout(
        `\n演示数据已创建。管理员账号: admin  一次性密码: ${adminPassword}\n` +
          `（请登录 http://localhost:${config.port}/admin 后立即修改密码；此密码只显示这一次）\n\n`,
      );
    }
  }
  const app = await buildApp(ctx);
  const worker =
    config.worker === 'inprocess' ? startWorker(ctx, { id: `web-${process.pid}` }) : null;
  await app.listen({ port: config.port, host: config.host });
  io.stdout(
    `Gongkai 已启动: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}\n`,
  );
  const shutdown = async () => {
    await app.close();
    await worker?.stop();
    await ctx.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  return new Promise<number>(() => {});
};
