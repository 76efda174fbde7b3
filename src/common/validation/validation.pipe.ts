import { ArgumentMetadata, Injectable, PipeTransform, Type, ValidationPipe } from '@nestjs/common';
import { ConnectionArgs } from '../graphql/connection';
import { ValidationFailedError } from '../errors/domain-error';
import { fieldErrorsOf } from './validation-errors';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);
/** Validated GraphQL argument objects kept, per DTO class, for arguments seen again. */
const ARGS_MEMO_SIZE = 256;

/** GraphQL list arguments (`first`, `after`, filters): the ArgsType classes extending ConnectionArgs. */
function isListArgs(metatype: ArgumentMetadata['metatype']): metatype is Type<ConnectionArgs> {
  return typeof metatype === 'function' && metatype.prototype instanceof ConnectionArgs;
}

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

  /**
   * A field's arguments are validated once per distinct value: a nested field
   * (`devices(first: 100) { nodes { collections(first: 10) } }`) is resolved
   * once per parent, with equal arguments each time, and class-transformer +
   * class-validator cost ~0.1 ms each. Validation depends on the value alone.
   * Only list-argument classes (ConnectionArgs), never bodies or mutation
   * inputs; the validated object is frozen, as it is shared.
   */
  private readonly argsMemo = new Map<Type<unknown>, Map<string, Promise<unknown>>>();

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!isListArgs(metadata.metatype)) return this.validate(value, metadata);
    const key = JSON.stringify(value);
    let memo = this.argsMemo.get(metadata.metatype);
    const hit = memo?.get(key);
    if (hit) return hit;
    // The promise is kept, not the result: the parents' fields resolve concurrently.
    const validated = this.validate(value, metadata).then((v) => Object.freeze(v));
    if (!memo) this.argsMemo.set(metadata.metatype, (memo = new Map()));
    if (memo.size >= ARGS_MEMO_SIZE) memo.delete(memo.keys().next().value as string);
    memo.set(key, validated);
    validated.catch(() => memo.delete(key));
    return validated;
  }

  private async validate(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
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
