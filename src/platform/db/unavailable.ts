/**
 * Database errors that mean "not now" rather than "wrong": the server is down or restarting, a
 * connection broke, the pool is exhausted, SQLite is locked, or the disk is full. The HTTP error
 * handler answers them with 503 and Retry-After instead of a 500, and the app recovers by itself
 * once the database is back (the pg pool opens new connections; nothing is cached broken).
 */

/** Why the database cannot serve the request. */
export type Unavailability = 'down' | 'busy' | 'full';

/** PostgreSQL SQLSTATEs of a server shutting down, starting up or refusing connections. */
const PG_UNAVAILABLE = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '53300', // too_many_connections
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
]);

/** Socket errors of a connection to a database server that is gone. */
const NET_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** node-postgres errors without a code. */
const PG_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end)/;

/** Classifies `err` (pure); null for every other error. */
export function databaseUnavailable(err: unknown): Unavailability | null {
  if (!err || typeof err !== 'object') return null;
  const code = (err as { code?: unknown }).code;
  const message = (err as { message?: unknown }).message;
  if (typeof code === 'string') {
    if (code === 'SQLITE_FULL') return 'full';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
    if (code.startsWith('SQLITE_IOERR')) return 'down';
    if (PG_UNAVAILABLE.has(code)) return code === '53300' ? 'busy' : 'down';
    if (NET_UNAVAILABLE.has(code)) return 'down';
  }
  if (typeof message === 'string' && PG_MESSAGES.test(message)) return 'down';
  // AggregateError from a connect attempt to several addresses (localhost → ::1 and 127.0.0.1).
  const errors = (err as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const kinds = errors.map(databaseUnavailable);
    if (kinds.every((k) => k !== null)) return kinds[0] ?? null;
  }
  const cause = (err as { cause?: unknown }).cause;
  return cause && cause !== err ? databaseUnavailable(cause) : null;
}
