import { Field, ObjectType } from '@nestjs/graphql';
import { DomainError, UnauthorizedError, ValidationFailedError } from '../errors/domain-error';

/** A domain failure of a mutation, reported in its payload rather than as a top-level error. */
@ObjectType()
export class UserError {
  @Field(() => String, { nullable: true, description: 'The input field at fault, when there is one.' })
  field: string | null;

  @Field({ description: 'Stable camelCase code, the same as the REST problem code.' })
  code: string;

  @Field()
  message: string;
}

export function userErrorsOf(error: DomainError): UserError[] {
  if (error instanceof ValidationFailedError && error.errors.length) {
    return error.errors.map((e) => ({ field: e.field || null, code: e.code, message: e.line ? `line ${e.line}: ${e.message}` : e.message }));
  }
  return [{ field: null, code: error.code, message: error.message }];
}

/**
 * Runs a mutation: domain failures become `userErrors` next to a null
 * object; authentication failures and unexpected errors stay top-level.
 */
export async function runMutation<K extends string, T>(key: K, work: () => Promise<T>): Promise<Record<K, T | null> & { userErrors: UserError[] }> {
  try {
    const value = await work();
    return { [key]: value, userErrors: [] } as Record<K, T | null> & { userErrors: UserError[] };
  } catch (error) {
    if (!(error instanceof DomainError) || error instanceof UnauthorizedError) throw error;
    return { [key]: null, userErrors: userErrorsOf(error) } as Record<K, T | null> & { userErrors: UserError[] };
  }
}
