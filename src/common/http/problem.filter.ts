import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { IdempotentReplay } from '../idempotency/idempotent-replay';
import { sendProblem } from './problem';
import { toProblem } from './problem-mapper';

/** Log lines an operator must be able to act on without reading a stack trace. */
const LOG_MESSAGE_OF: Record<string, string> = {
  storageFull: 'request failed: PostgreSQL reports its disk is full (SQLSTATE 53100 disk_full); free space on the volume of its data directory',
  databaseUnavailable: 'request failed: the database is unreachable',
};

/** The one global exception filter: REST gets problem+json, GraphQL an error with extensions.code. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): unknown {
    if (error instanceof IdempotentReplay && host.getType() === 'http') return this.replay(error, host);
    const { problem, headers, unexpected } = toProblem(error);
    if (unexpected) this.logger.error({ err: error, code: problem.code }, LOG_MESSAGE_OF[problem.code] ?? 'request failed');
    if (host.getType<string>() === 'graphql') {
      const retryAfter = headers['Retry-After'];
      if (retryAfter) setGraphQLResponseHeader(host, 'Retry-After', retryAfter);
      return new GraphQLError(problem.detail ?? problem.title, {
        extensions: {
          code: problem.code,
          status: problem.status,
          ...(problem.errors ? { errors: problem.errors } : {}),
          ...(retryAfter ? { retryAfterSeconds: Number(retryAfter) } : {}),
        },
      });
    }
    if (host.getType() !== 'http') return error;
    const http = host.switchToHttp();
    sendProblem(http.getRequest<Request>(), http.getResponse<Response>(), problem, headers);
    return undefined;
  }

  private replay(replay: IdempotentReplay, host: ArgumentsHost): undefined {
    const res = host.switchToHttp().getResponse<Response>();
    res.status(replay.status);
    res.setHeader('Idempotent-Replayed', 'true');
    res.setHeader('Cache-Control', 'no-store');
    if (replay.location) res.setHeader('Location', replay.location);
    if (replay.body === undefined || replay.body === null) res.end();
    else res.json(replay.body);
    return undefined;
  }
}

/** GraphQL over HTTP answers 200 with errors; a throttled caller still gets Retry-After (not over WebSocket). */
function setGraphQLResponseHeader(host: ArgumentsHost, name: string, value: string): void {
  const res = (host.getArgByIndex(2) as { req?: { res?: Response } } | undefined)?.req?.res;
  if (res && !res.headersSent && typeof res.setHeader === 'function') res.setHeader(name, value);
}
