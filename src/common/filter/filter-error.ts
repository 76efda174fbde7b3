import { ValidationFailedError } from '../errors/domain-error';

/** A filter that cannot be used; says where (1-based) and what was expected. */
export class FilterError extends ValidationFailedError {
  constructor(parameter: string, message: string, position?: number, code = 'invalidFilter') {
    const where = position === undefined ? '' : ` at position ${position + 1}`;
    super(`Invalid ${parameter}${where}: ${message}`, [{ field: parameter, code, message }], code);
    if (position !== undefined) this.extra.position = position + 1;
  }
}
