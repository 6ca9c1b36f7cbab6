import pino from 'pino';
import { contextFor } from '../platform/bootstrap.js';
import { openDatabase } from '../platform/db/database.js';
import { buildApp } from '../platform/http/app.js';
import { benchConfig } from './dataset.js';

/**
 * Why a GET of the mixed benchmark answered 5xx: the bench server logs nothing, so the request
 * is made again here, alone, on an app built in this process with error logging captured, and the
 * logged error (message and the first lines of its stack) is returned. An error that only shows
 * under load is reported as not reproduced.
 */
export async function diagnose(
  databaseUrl: string,
  requests: ReadonlyArray<{ path: string; headers: Record<string, string> }>,
): Promise<string[]> {
  if (!requests.length) return [];
  const lines: string[] = [];
  const logger = pino({ level: 'error' }, { write: (s: string) => void lines.push(s) });
  const database = openDatabase(databaseUrl);
  const ctx = await contextFor(benchConfig(databaseUrl), database, logger);
  const app = await buildApp(ctx);
  const out: string[] = [];
  try {
    for (const r of requests) {
      lines.length = 0;
      const res = await app.inject({ url: r.path, headers: r.headers });
      const logged = lines
        .map((l) => JSON.parse(l) as { err?: { message?: string; stack?: string }; msg?: string })
        .find((l) => l.err);
      const why = logged?.err
        ? `${logged.err.message ?? logged.msg ?? ''} ${(logged.err.stack ?? '')
            .split('\n')
            .slice(1, 4)
            .map((s) => s.trim())
            .join(' ← ')}`
        : 'no error logged';
      out.push(
        res.statusCode >= 500
          ? `${r.path} alone: ${res.statusCode}: ${why}`
          : `${r.path} alone: ${res.statusCode} (not reproduced without the load)`,
      );
    }
  } finally {
    await app.close();
    await database.close();
  }
  return out;
}
