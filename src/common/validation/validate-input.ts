import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FieldError, ValidationFailedError } from '../errors/domain-error';
import { fieldErrorsOf } from './validation-errors';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } };

/**
 * Validates a plain object against a DTO class with the rules the global pipe
 * uses, returning field errors instead of throwing (bulk import lines, GraphQL
 * inputs that report problems as userErrors).
 */
export function checkInput<T extends object>(cls: ClassConstructor<T>, plain: unknown): { value: T; errors: FieldError[] } {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { value: undefined as unknown as T, errors: [{ field: '', code: 'invalidType', message: 'Expected a JSON object.' }] };
  }
  const value = plainToInstance(cls, { ...(plain as Record<string, unknown>) });
  return { value, errors: fieldErrorsOf(validateSync(value, OPTIONS)) };
}

/** Like checkInput, but throws one validationFailed error listing every field. */
export function validateInput<T extends object>(cls: ClassConstructor<T>, plain: unknown): T {
  const { value, errors } = checkInput(cls, plain);
  if (errors.length) {
    const fields = [...new Set(errors.map((e) => e.field))].join(', ');
    throw new ValidationFailedError(`Invalid ${fields}.`, errors);
  }
  return value;
}
