import { ValidateIf } from 'class-validator';

/**
 * Optional means "may be left out", not "may be null": class-validator's
 * @IsOptional also waves null through, which then reaches NOT NULL columns.
 * Fields that may be null say so with their own @ValidateIf(v !== null).
 */
export function OptionalField(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
