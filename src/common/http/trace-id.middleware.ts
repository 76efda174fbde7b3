import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;

/** Gives every request a trace id (from W3C traceparent when present) echoed in X-Trace-Id. */
export function traceIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const parent = req.headers.traceparent;
  const match = typeof parent === 'string' ? TRACEPARENT.exec(parent) : null;
  const id = match ? match[1] : randomUUID().replace(/-/g, '');
  (req as Request & { id: string }).id = id;
  res.setHeader('X-Trace-Id', id);
  next();
}
