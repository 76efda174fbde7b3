import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

export function problemSchemas(): Record<string, object> {
  return {
    FieldError: {
      type: 'object',
      required: ['field', 'code', 'message'],
      properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' }, line: { type: 'integer' } },
    },
    Problem: {
      type: 'object',
      description: 'RFC 9457 problem details.',
      required: ['type', 'title', 'status', 'code'],
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        instance: { type: 'string' },
        code: { type: 'string', description: 'Stable camelCase error code, also in X-Error-Code.' },
        traceId: { type: 'string' },
        reason: { type: 'string', description: 'Policy denial reason.' },
        errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
      },
    },
  };
}

function problem(description: string) {
  return { description, content: { 'application/problem+json': { schema: PROBLEM_REF } } };
}

/** Adds the problem responses every operation can give, and bearer security where a token is needed. */
export function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      const isPublic = (operation as unknown as Record<string, unknown>)['x-public'] === true;
      operation.responses = {
        ...operation.responses,
        '400': operation.responses['400'] ?? problem('Bad request: malformed JSON, bad filter, or invalid fields.'),
        ...(isPublic ? {} : { '401': problem('Missing or invalid bearer token.'), '403': problem('The role does not allow this.') }),
        ...(path.includes('{') ? { '404': problem('Not found, or out of your scope.') } : {}),
        '429': problem('Too many requests; see Retry-After.'),
        '500': problem('Unexpected error.'),
      };
      if (!isPublic) operation.security = [{ bearer: [] }];
      if (!operation.summary) operation.summary = operation.operationId;
    }
  }
  return document;
}
