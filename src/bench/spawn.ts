import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Starts src/bench/server.ts on `databaseUrl`; resolves with its port and a stop function. */
export function startBenchServer(
  databaseUrl: string,
): Promise<{ port: number; child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      // BENCH_SERVER_NODE_ARGS: extra Node flags for the server only (e.g. --cpu-prof).
      // eslint-disable-next-line no-restricted-properties -- a benchmark harness option, not app config
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      path.join(here, 'server.ts'),
      databaseUrl,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error('bench server did not start in 120 s')),
      120_000,
    );
    child.on('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          port: Number(m[1]),
          child,
          stop: () =>
            new Promise((done) => {
              child.removeAllListeners('exit');
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}
