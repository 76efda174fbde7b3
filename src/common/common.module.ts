import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { Clock } from './clock/clock';
import { NodeRegistry } from './graphql/node-registry';
import { NodeResolver } from './graphql/node.resolver';
import { ProblemFilter } from './http/problem.filter';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { LimitsModule } from './limits/limits.module';
import { RequestValidationPipe } from './validation/validation.pipe';

/** Cross-cutting pieces every feature relies on: clock, errors, validation, idempotency, limits, nodes. */
@Global()
@Module({
  imports: [LimitsModule],
  providers: [
    Clock,
    NodeRegistry,
    NodeResolver,
    IdempotencyStore,
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_PIPE, useClass: RequestValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [Clock, NodeRegistry],
})
export class CommonModule {}
