import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { problemOf, sendProblem } from './problem';
import { wellFormedReviver } from './well-formed';

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_IMPORT_BODY_BYTES = 32 * 1024 * 1024;

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * JSON bodies (NDJSON too on bulk routes), at most 1 MiB. Anything else is 415
 * before it reaches a controller. Any JSON value parses (strict: false), so a
 * valid JSON string or number is refused as bodyNotObject by the validation
 * pipe rather than misreported as malformedJson.
 */
export function bodyMiddleware(bulkPaths: RegExp[]): RequestHandler[] {
  const json = express.json({ limit: MAX_BODY_BYTES, strict: false, type: () => true, reviver: wellFormedReviver });
  const bulkJson = express.json({ limit: MAX_IMPORT_BODY_BYTES, strict: false, type: () => true, reviver: wellFormedReviver });
  const bulkText = express.text({ limit: MAX_IMPORT_BODY_BYTES, type: () => true });
  return [
    (req: Request, res: Response, next: NextFunction) => {
      const parsed = req.path.startsWith('/api/') || req.path === '/graphql';
      if (!parsed || !WITH_BODY.has(req.method) || !hasBody(req)) return next();
      const bulk = bulkPaths.some((pattern) => pattern.test(req.path));
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type === 'application/json' || type.endsWith('+json')) return (bulk ? bulkJson : json)(req, res, next);
      if (bulk && (type === 'application/x-ndjson' || type === 'application/ndjson')) return bulkText(req, res, next);
      sendProblem(req, res, problemOf(415, 'unsupportedMediaType', `Send the body as application/json${bulk ? ' or application/x-ndjson' : ''}.`));
    },
  ];
}

/** Turns body-parser failures into problems; registered right after the parsers. */
export function bodyErrorMiddleware(error: unknown, req: Request, res: Response, next: NextFunction): void {
  const e = error as { type?: string; status?: number };
  switch (e?.type) {
    case 'entity.parse.failed':
      return sendProblem(req, res, problemOf(400, 'malformedJson', 'The request body is not valid JSON (or holds an unpaired UTF-16 surrogate).'));
    case 'entity.too.large':
      return sendProblem(req, res, problemOf(413, 'payloadTooLarge', 'The request body is larger than allowed.'));
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return sendProblem(req, res, problemOf(415, 'unsupportedMediaType', 'Unsupported body encoding or charset.'));
    case 'request.aborted':
      return sendProblem(req, res, problemOf(400, 'requestAborted', 'The request body was not fully received.'));
    default:
      return next(error);
  }
}
