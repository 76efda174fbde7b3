import { ArgumentMetadata, Injectable, PipeTransform, ValidationPipe } from '@nestjs/common';
import { ValidationFailedError } from '../errors/domain-error';
import { fieldErrorsOf } from './validation-errors';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

/**
 * Validates bodies and queries against their DTO classes. Unknown fields are
 * refused by name, a body that is not a JSON object is refused, and every
 * failure is one `validationFailed` problem listing each field.
 */
@Injectable()
export class RequestValidationPipe implements PipeTransform {
  private readonly inner = new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = fieldErrorsOf(errors);
      const unknown = fieldErrors.filter((e) => e.code === 'unknownField').map((e) => e.field);
      const message = unknown.length
        ? `Unknown field(s): ${unknown.join(', ')}.`
        : `Invalid ${fieldErrors.map((e) => e.field).filter((f, i, all) => all.indexOf(f) === i).join(', ')}.`;
      return new ValidationFailedError(message, fieldErrors);
    },
  });

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDto = typeof metadata.metatype === 'function' && !PRIMITIVES.has(metadata.metatype);
    if (metadata.type === 'body' && isDto) {
      if (value === undefined || value === null) value = {};
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw new ValidationFailedError('The request body must be a JSON object.', [], 'bodyNotObject');
      }
    }
    if (!isDto) return value;
    return this.inner.transform(value, metadata);
  }
}
