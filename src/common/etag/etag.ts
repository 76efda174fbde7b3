import { PreconditionFailedError, PreconditionRequiredError } from '../errors/domain-error';

/** A strong ETag from a row's id and optimistic-lock version. */
export function etagOf(id: string, version: number): string {
  return `"${Buffer.from(`${id}:${version}`).toString('base64url')}"`;
}

/**
 * Honours If-Match: `*` or a list of ETags. Missing is fine unless required
 * (428); present but not matching is 412.
 */
export function assertIfMatch(ifMatch: string | undefined, currentEtag: string, required = false): void {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    if (required) throw new PreconditionRequiredError();
    return;
  }
  // If-Match uses strong comparison (RFC 9110 §13.1.1): a weak tag never matches.
  const candidates = ifMatch.split(',').map((tag) => tag.trim());
  if (candidates.includes('*') || candidates.includes(currentEtag)) return;
  throw new PreconditionFailedError();
}
