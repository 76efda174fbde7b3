import { createHash } from 'node:crypto';
import { ValidationFailedError } from '../errors/domain-error';
import { CursorState } from './list-query';

export function queryFingerprint(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 12);
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export function decodeCursor(raw: string, fingerprint: string): CursorState {
  const invalid = () =>
    new ValidationFailedError('The cursor is not valid for this query; start again without it.', [
      { field: 'cursor', code: 'invalidCursor', message: 'Use the nextLink of the previous page unchanged.' },
    ], 'invalidCursor');
  if (raw.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid();
  let state: CursorState;
  try {
    state = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as CursorState;
  } catch {
    throw invalid();
  }
  if (!state || !Array.isArray(state.values) || typeof state.id !== 'string' || state.q !== fingerprint) throw invalid();
  return state;
}
