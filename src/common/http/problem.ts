import type { Request, Response } from 'express';
import { CODE_OF_STATUS, TITLE_OF_STATUS } from '../errors/error-status';
import type { FieldError } from '../errors/domain-error';

/** RFC 9457 problem details, compact, with our `code` and `traceId`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  traceId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemOf(status: number, code = CODE_OF_STATUS[status] ?? 'error', detail?: string): Problem {
  return {
    type: status === 500 ? 'about:blank' : `https://rcgate.dev/problems/${code}`,
    title: TITLE_OF_STATUS[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    code,
  };
}

export function traceIdOf(req: Request): string | undefined {
  return (req as Request & { id?: string }).id;
}

/** Writes a problem response; the one way every HTTP error leaves the server. */
export function sendProblem(req: Request, res: Response, problem: Problem, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body: Problem = { ...problem, instance: req.originalUrl.split('?')[0], traceId: traceIdOf(req) };
  res.status(problem.status);
  res.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
  res.setHeader('X-Error-Code', problem.code);
  res.setHeader('Cache-Control', 'no-store');
  if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="rcgate"');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(JSON.stringify(body));
}
