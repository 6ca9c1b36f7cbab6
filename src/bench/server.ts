import { contextFor } from '../platform/bootstrap.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { buildApp } from '../platform/http/app.js';
import { createLogger } from '../platform/logger.js';
import { benchConfig } from './dataset.js';

/**
 * The real server for the HTTP benchmarks, in its own process so that the load generator does not
 * share its event loop: `node --import tsx src/bench/server.ts DATABASE_URL`. Builds the app on the
 * bench database (TRUST_PROXY on, as behind nginx, so each simulated client has its own address),
 * listens on 127.0.0.1 on a free port and prints `listening PORT` on stdout. `GET /__bench/rss`
 * answers the process's resident set size in bytes (only in this bench server).
 */
const url = process.argv[2];
if (!url) {
  console.error('usage: server.ts DATABASE_URL');
  process.exit(2);
}
const config = benchConfig(url, { TRUST_PROXY: 'true' });
const database = openDatabase(url, { poolSize: 16 });
await migrateToLatest(database.db);
const ctx = await contextFor(config, database, createLogger('silent'));
const app = await buildApp(ctx);
app.get('/__bench/rss', { config: { csrf: false } }, async () => ({
  rss: process.memoryUsage().rss,
}));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
const stop = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
