import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

export type DatabaseFailure = 'unavailable' | 'storageFull';

/** Node socket errors and PostgreSQL SQLSTATEs that mean "the database is not there right now", not "your request is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
  '53000', // insufficient_resources
]);
/** Class 08: connection exceptions (08000, 08003, 08006, 08001, 08004, 08P01...). */
const CONNECTION_EXCEPTION_CLASS = '08';
/** disk_full: PostgreSQL could not extend a file or write WAL. */
const DISK_FULL = '53100';
/** node-postgres and TypeORM messages for a connection that died or never came (they carry no code). */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Connection is not established|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)/;

/**
 * Classifies a failure to reach or write to PostgreSQL, looking through the
 * wrappers TypeORM (driverError), Node (AggregateError.errors) and `cause` add.
 */
export function databaseFailureOf(error: unknown, depth = 0): DatabaseFailure | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code === DISK_FULL) return 'storageFull';
  if (code && (UNAVAILABLE_CODES.has(code) || (code.startsWith(CONNECTION_EXCEPTION_CLASS) && code.length === 5))) return 'unavailable';
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return 'unavailable';
  // A transaction's next query after its connection died: TypeORM releases the query runner when its
  // connection emits 'error', and the following query throws this instead of a driver error. We never
  // keep a manager beyond its transaction, so here it means the connection was lost.
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError) return 'unavailable';
  for (const inner of [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors.slice(0, 4) : [])]) {
    const found = databaseFailureOf(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}
