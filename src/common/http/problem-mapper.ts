import { HttpException } from '@nestjs/common';
import { DomainError, ServiceUnavailableError, TooManyRequestsError, ValidationFailedError } from '../errors/domain-error';
import { STATUS_OF } from '../errors/error-status';
import { databaseFailureOf } from '../errors/database-failure';
import { Problem, problemOf } from './problem';

export interface MappedProblem {
  problem: Problem;
  headers: Record<string, string>;
  unexpected: boolean;
}

/** Turns anything thrown into a problem; unknown errors keep their internals to the log. */
export function toProblem(error: unknown): MappedProblem {
  if (error instanceof DomainError) {
    const status = STATUS_OF[error.kind];
    const problem: Problem = { ...problemOf(status, error.code, error.message), ...error.extra };
    if (error instanceof ValidationFailedError && error.errors.length) problem.errors = error.errors;
    const headers: Record<string, string> = {};
    if (error instanceof ServiceUnavailableError || error instanceof TooManyRequestsError) headers['Retry-After'] = String(error.retryAfterSeconds);
    return { problem, headers, unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const headers: Record<string, string> = {};
    if (status === 429) headers['Retry-After'] = '60';
    return { problem: problemOf(status, undefined, detailOfHttpException(status)), headers, unexpected: false };
  }
  if (isUnstorableText(error)) {
    return { problem: problemOf(400, 'invalidCharacter', 'Text values must not contain NUL (U+0000) characters.'), headers: {}, unexpected: false };
  }
  const database = databaseFailureOf(error);
  if (database === 'storageFull') {
    return {
      problem: problemOf(507, 'storageFull', 'The server cannot store data: the disk of its database is full. An operator must free space; retry later.'),
      headers: { 'Retry-After': '60' },
      unexpected: true,
    };
  }
  if (database === 'unavailable') {
    return {
      problem: problemOf(503, 'databaseUnavailable', 'The database is unreachable; retry shortly.'),
      headers: { 'Retry-After': '5' },
      unexpected: true,
    };
  }
  return { problem: problemOf(500, 'internalError', 'An unexpected error occurred.'), headers: {}, unexpected: true };
}

function detailOfHttpException(status: number): string {
  switch (status) {
    case 404:
      return 'No such route or resource.';
    case 405:
      return 'This method is not allowed on this resource.';
    case 429:
      return 'Too many requests; retry after the delay in Retry-After.';
    default:
      return 'The request could not be processed.';
  }
}

/** PostgreSQL refuses NUL in text (22021) and jsonb (22P05): the caller's input, not our fault. */
const UNSTORABLE_TEXT_CODES = new Set(['22021', '22P05']);

function isUnstorableText(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code !== undefined && UNSTORABLE_TEXT_CODES.has(code);
}
