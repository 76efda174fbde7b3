import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Array-batched GraphQL requests may hold at most `maxOperations`; each
 * operation still passes the depth, alias and complexity limits and spends
 * its own share of the rate limit. Runs before Apollo, after the body parser.
 */
export function graphqlBatchLimit(path: string, maxOperations: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || req.path !== path || !Array.isArray(req.body) || req.body.length <= maxOperations) return next();
    res.status(400).setHeader('Cache-Control', 'no-store');
    res.json({
      errors: [
        {
          message: `A batch may hold at most ${maxOperations} operations; this one holds ${(req.body as unknown[]).length}.`,
          extensions: { code: 'batchTooLarge' },
        },
      ],
    });
  };
}
