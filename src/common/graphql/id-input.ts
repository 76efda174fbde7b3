import { fromGlobalId } from './global-id';

/** Accepts either a global id of `type` or the plain REST id, and returns the REST id. */
export function localIdOf(value: string, type: string): string {
  const parsed = fromGlobalId(value);
  return parsed && parsed.type === type ? parsed.id : value;
}
