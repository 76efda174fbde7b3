import { ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { requestOf } from '../authz/auth.decorators';
import { TooManyRequestsError } from '../errors/domain-error';

/** Static viewer files (noVNC is dozens of modules): cheap, public, and a page load must not half-fail. */
const UNTHROTTLED_GET = /^\/viewer(\/|$)/;

/**
 * The global rate limit, registered right after AuthGuard so that it sees the
 * principal: one budget per token (or device token) across all routes, else
 * one per source address. Health and metrics carry @SkipThrottle().
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly graphqlVerdicts = new WeakMap<object, Promise<boolean>>();

  override canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return super.canActivate(context);
    // Guards run once per root field. An operation spends one request, and
    // every root field of a throttled operation fails alike. Apollo gives each
    // operation of a batch its own context, so a batch of n spends n.
    const operation = GqlExecutionContext.create(context).getContext<object>();
    let verdict = this.graphqlVerdicts.get(operation);
    if (!verdict) {
      verdict = super.canActivate(context);
      this.graphqlVerdicts.set(operation, verdict);
    }
    return verdict;
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const type = context.getType<string>();
    if (type !== 'http' && type !== 'graphql') return true;
    const req = requestOf(context);
    return req.method === 'GET' && UNTHROTTLED_GET.test(req.path ?? '');
  }

  protected override getRequestResponse(context: ExecutionContext): { req: Record<string, unknown>; res: Record<string, unknown> } {
    const req = requestOf(context) as unknown as Record<string, unknown>;
    // A subscription over WebSocket has no response to put headers on.
    return { req, res: (req.res as Record<string, unknown> | undefined) ?? {} };
  }

  /** Route-independent, unlike the default: a token's budget is shared by every route. */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}|${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new TooManyRequestsError(`More than ${detail.limit} requests in a minute; retry after ${detail.timeToBlockExpire} s.`, detail.timeToBlockExpire);
  }
}
