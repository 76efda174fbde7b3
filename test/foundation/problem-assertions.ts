import type { Response } from 'supertest';

/** Lines like "    at Foo.bar (/x/y.ts:12:3)" or any path into node_modules. */
const STACK_LINE = /\bat [^\s"]+ \(|\bat [^\s"]*\.(?:ts|js):\d+|node_modules/;

/**
 * Asserts the response is one of our RFC 9457 problems: status, code, the
 * content type, the required members, the X-Error-Code / X-Trace-Id headers,
 * and no internals (stack frames, node_modules paths).
 */
export function expectProblem(res: Response, status: number, code: string): Record<string, unknown> {
  expect({ status: res.status, code: res.headers['x-error-code'] }).toEqual({ status, code });
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  const body = JSON.parse(res.text) as Record<string, unknown>;
  expect(body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status,
      code,
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    }),
  );
  expect(res.headers['x-trace-id']).toBe(body.traceId);
  expect(res.text).not.toMatch(STACK_LINE);
  expect(res.text).not.toContain('stack');
  return body;
}
