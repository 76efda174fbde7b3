import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service';
import { AuthFailureLimiter } from '../common/limits/limits.module';
import { refuseWhileBlocked } from '../common/limits/refuse-while-blocked';
import { clientAddressOf, sourceAddressOf } from '../common/limits/source-address';

/**
 * Audits failed authentication without ever recording the presented secret,
 * and counts failures per source address: past AUTH_FAILURES_PER_MINUTE, the
 * address gets 429 before any token it sends is even looked at.
 */
@Injectable()
export class AuthFailureRecorder {
  private readonly logger = new Logger('Auth');

  constructor(private readonly audit: AuditService, private readonly limiter: AuthFailureLimiter) {}

  /** Throws 429 while the caller's address is over its failure budget. */
  refuseIfBlocked(req: Request): void {
    refuseWhileBlocked(this.limiter, sourceAddressOf(req));
  }

  async record(req: Request, reason: 'missingToken' | 'invalidToken'): Promise<void> {
    this.limiter.record(sourceAddressOf(req));
    const details = {
      reason,
      sourceAddress: clientAddressOf(req) ?? null,
      method: req.method,
      path: (req.originalUrl ?? req.url ?? '').split('?')[0].slice(0, 256),
      userAgent: String(req.headers?.['user-agent'] ?? '').slice(0, 256),
    };
    try {
      await this.audit.recordAlone({ type: 'authenticationFailed', actor: 'anonymous', details });
    } catch (error) {
      // The caller is refused either way; a lost failure record is logged, not fatal.
      this.logger.warn({ err: error }, 'could not audit an authentication failure');
    }
  }
}
