import type { ValidationError } from 'class-validator';
import type { FieldError } from '../errors/domain-error';

const CODE_OF_CONSTRAINT: Record<string, string> = {
  whitelistValidation: 'unknownField',
  isDefined: 'required',
  isNotEmpty: 'required',
  isEnum: 'invalidValue',
  isIn: 'invalidValue',
  maxLength: 'tooLong',
  minLength: 'tooShort',
  arrayMaxSize: 'tooMany',
  arrayUnique: 'duplicate',
  matches: 'invalidFormat',
};

/** Flattens class-validator's tree into `{field, code, message}` with dotted paths. */
export function fieldErrorsOf(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      const code = CODE_OF_CONSTRAINT[constraint] ?? (constraint.startsWith('is') ? 'invalidType' : 'invalidValue');
      const text = constraint === 'whitelistValidation' ? `Unknown field '${field}'.` : message.replace(error.property, field);
      out.push({ field, code, message: text });
    }
    if (error.children?.length) out.push(...fieldErrorsOf(error.children, field));
  }
  return out;
}
