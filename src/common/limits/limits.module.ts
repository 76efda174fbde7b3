import { ExecutionContext, Global, Module } from '@nestjs/common';
import { ThrottlerModule, ThrottlerModuleOptions } from '@nestjs/throttler';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config.types';
import { AGENT_ROUTE, requestOf } from '../authz/auth.decorators';
import { AttemptLimiter } from './attempt-limiter';
import { rateLimitSubjectOf, RateLimitSubject } from './rate-limit.subject';
import { WebSocketConnectionLimit } from './websocket-connection-limit';

/** Failed authentications per source address (AUTH_FAILURES_PER_MINUTE). */
export class AuthFailureLimiter extends AttemptLimiter {}

/** Refused relay tickets per source address (TICKET_FAILURES_PER_MINUTE), for the relay's upgrade handler. */
export class TicketFailureLimiter extends AttemptLimiter {}

function subjectOf(context: ExecutionContext): RateLimitSubject {
  const agentRoute = Reflect.getMetadata(AGENT_ROUTE, context.getHandler()) === true;
  return rateLimitSubjectOf(requestOf(context), agentRoute);
}

export function rateLimitOptions(config: AppConfig): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        name: 'default',
        ttl: 60_000,
        limit: (context) => (subjectOf(context).kind === 'address' ? config.rateLimitAnonPerMinute : config.rateLimitPerMinute),
      },
    ],
    getTracker: (_req, context) => subjectOf(context).key,
  };
}

/**
 * Request rate limits (@nestjs/throttler), attempt limiters and the
 * WebSocket connections per address limit, all in this
 * process's memory: with several nodes behind a balancer each node counts on
 * its own. RateLimitGuard itself is registered by AuthModule, after AuthGuard.
 */
@Global()
@Module({
  imports: [ThrottlerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: rateLimitOptions })],
  providers: [
    { provide: AuthFailureLimiter, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new AuthFailureLimiter({ limit: c.authFailuresPerMinute, windowSeconds: 60 }) },
    { provide: TicketFailureLimiter, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new TicketFailureLimiter({ limit: c.ticketFailuresPerMinute, windowSeconds: 60 }) },
    WebSocketConnectionLimit,
  ],
  exports: [AuthFailureLimiter, TicketFailureLimiter, WebSocketConnectionLimit],
})
export class LimitsModule {}
