/** One policy rule as the server evaluated it (POST /sessions/check and 403 denials). */
export interface RuleResult {
  rule: string;
  passed: boolean;
  detail: string;
}

/** An RFC 9457 problem document as rcgate sends it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  reason?: string;
  rules?: RuleResult[];
  traceId?: string;
}

/** The server answered with an error status; carries the problem's stable `code` and, for policy denials, `reason`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  /** The policy reason (`viewerNotPermitted`, `deviceOffline`, …), or the code when there is none. */
  get reason(): string | undefined {
    return this.problem.reason ?? this.problem.code;
  }
}

/** The server could not be reached at all (refused, reset, DNS, timeout). */
export class ServerUnreachableError extends Error {
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(`cannot reach ${url}: ${describeCause(cause)}`);
    this.name = 'ServerUnreachableError';
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause;
    if (inner instanceof Error) return inner.message;
    return cause.message;
  }
  return String(cause);
}

/** Authentication failed: the token is missing, wrong, expired or revoked. */
export const isAuthenticationError = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 401;
