import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import type { CurrentPrincipal } from './current-principal';
import type { Permission } from './roles';

export const PUBLIC_ROUTE = 'rcgate:public';
export const REQUIRED_PERMISSION = 'rcgate:permission';
export const AGENT_ROUTE = 'rcgate:agent';

/** No token needed (health, docs, agent enrolment with its own key). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** A principal token with this permission is needed; without an argument, any principal. */
export const Authenticated = (permission?: Permission) => SetMetadata(REQUIRED_PERMISSION, permission ?? null);

/** The one way guards and decorators reach the request, for REST and GraphQL alike. */
export function requestOf(context: ExecutionContext): Request & { user?: unknown } {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: Request }>().req;
  }
  return context.switchToHttp().getRequest<Request>();
}

export const Principal = createParamDecorator((_: unknown, context: ExecutionContext): CurrentPrincipal => {
  return requestOf(context).user as CurrentPrincipal;
});
