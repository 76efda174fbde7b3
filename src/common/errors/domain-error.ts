/** A field-level validation failure, as sent in problem `errors`. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
  line?: number;
}

/**
 * Errors the domain raises. They carry a stable camelCase `code`; the HTTP
 * status and GraphQL mapping live in one place (error-status.ts), so nothing
 * below a controller knows about status codes.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export type DomainErrorKind =
  | 'badRequest'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'preconditionFailed'
  | 'preconditionRequired'
  | 'unprocessable'
  | 'unavailable'
  | 'tooManyRequests';

export class ValidationFailedError extends DomainError {
  readonly kind = 'badRequest';
  constructor(message: string, readonly errors: FieldError[] = [], code = 'validationFailed') {
    super(code, message);
  }
}

export class BadRequestError extends DomainError {
  readonly kind = 'badRequest';
}

export class UnauthorizedError extends DomainError {
  readonly kind = 'unauthorized';
  constructor(message = 'A valid bearer token is required.', code = 'unauthorized') {
    super(code, message);
  }
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
  constructor(message = 'Your role does not allow this operation.', code = 'forbidden', extra = {}) {
    super(code, message, extra);
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'notFound';
  constructor(what: string, id: string) {
    super('notFound', `${what} '${id}' was not found.`);
  }
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
  constructor(message: string, code = 'conflict', extra: Record<string, unknown> = {}) {
    super(code, message, extra);
  }
}

export class PreconditionFailedError extends DomainError {
  readonly kind = 'preconditionFailed';
  constructor(message = 'The resource has changed since it was read (If-Match does not match its ETag).') {
    super('preconditionFailed', message);
  }
}

export class PreconditionRequiredError extends DomainError {
  readonly kind = 'preconditionRequired';
  constructor(message = 'This request requires an If-Match header with the ETag last read.') {
    super('preconditionRequired', message);
  }
}

export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable';
}

export class ServiceUnavailableError extends DomainError {
  readonly kind = 'unavailable';
  constructor(message: string, readonly retryAfterSeconds = 5, extra: Record<string, unknown> = {}) {
    super('serviceUnavailable', message, extra);
  }
}

/** A rate or attempt limit was reached; `Retry-After` tells the caller when to come back. */
export class TooManyRequestsError extends DomainError {
  readonly kind = 'tooManyRequests';
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super('tooManyRequests', message);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
