import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { AGENT_ROUTE, PUBLIC_ROUTE, REQUIRED_PERMISSION, requestOf } from '../common/authz/auth.decorators';
import { CurrentPrincipal } from '../common/authz/current-principal';
import { hasPermission, Permission } from '../common/authz/roles';
import { databaseFailureOf } from '../common/errors/database-failure';
import { ForbiddenError, UnauthorizedError } from '../common/errors/domain-error';
import { AuthFailureRecorder } from './auth-failure.recorder';

const BEARER = /^Bearer\s+\S+$/i;

/**
 * The one global guard: every route needs a principal token unless marked
 * @Public() (or is an agent route, which has its own guard), and the role
 * must grant the route's permission. An address with too many recent
 * failures is refused (429) before its token is checked.
 */
@Injectable()
export class AuthGuard extends PassportAuthGuard('bearer') {
  constructor(private readonly reflector: Reflector, private readonly failures: AuthFailureRecorder) {
    super();
  }

  override getRequest(context: ExecutionContext): Request {
    return requestOf(context);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(AGENT_ROUTE, targets)) return true;
    const req = this.getRequest(context);
    this.failures.refuseIfBlocked(req);
    if (!BEARER.test(String(req.headers.authorization ?? ''))) {
      await this.failures.record(req, 'missingToken');
      throw new UnauthorizedError('Send an API token as "Authorization: Bearer <token>".', 'missingToken');
    }
    try {
      await super.canActivate(context);
    } catch (error) {
      // The token could not be checked at all: 503, not a failed login.
      if (databaseFailureOf(error)) throw error;
      await this.failures.record(req, 'invalidToken');
      throw new UnauthorizedError('The bearer token is invalid, expired or revoked.', 'invalidToken');
    }
    const permission = this.reflector.getAllAndOverride<Permission | null | undefined>(REQUIRED_PERMISSION, targets);
    const principal = req.user as CurrentPrincipal;
    if (permission && !hasPermission(principal.role, permission)) {
      throw new ForbiddenError(`The role ${principal.role} does not allow this operation.`, 'forbidden', { requiredPermission: permission });
    }
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (databaseFailureOf(error)) throw error;
    if (error || !user) throw new UnauthorizedError();
    return user;
  }
}
