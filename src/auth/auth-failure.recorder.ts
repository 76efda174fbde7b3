import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service';

/** Audits failed authentication without ever recording the presented secret. */
@Injectable()
export class AuthFailureRecorder {
  private readonly logger = new Logger('Auth');

  constructor(private readonly audit: AuditService) {}

  async record(req: Request, reason: 'missingToken' | 'invalidToken'): Promise<void> {
    const details = {
      reason,
      sourceAddress: req.socket?.remoteAddress ?? null,
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
