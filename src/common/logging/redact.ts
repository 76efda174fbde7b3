const SECRET_PARAMS = /([?&](?:ticket|token|access_token|key|enrollmentKey)=)[^&#]*/gi;

/** Removes secrets that may ride in a query string before a URL is logged. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}
