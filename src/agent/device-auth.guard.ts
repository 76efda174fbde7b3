import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { hashToken, looksLikeToken } from '../auth/token-secret';
import { UnauthorizedError } from '../common/errors/domain-error';
import { AuthFailureLimiter } from '../common/limits/limits.module';
import { refuseWhileBlocked } from '../common/limits/refuse-while-blocked';
import { sourceAddressOf } from '../common/limits/source-address';

export interface AuthenticatedDevice {
  deviceId: string;
  tokenId: string;
}

/**
 * Agent routes: a device token (from enrolment), never a principal token.
 * Failures count against the source address like principal ones, so
 * guessing device tokens hits the same AUTH_FAILURES_PER_MINUTE wall.
 */
@Injectable()
export class DeviceAuthGuard implements CanActivate {
  constructor(private readonly dataSource: DataSource, private readonly failures: AuthFailureLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { device?: AuthenticatedDevice }>();
    const address = sourceAddressOf(req);
    refuseWhileBlocked(this.failures, address);
    const match = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
    if (!match || !looksLikeToken(match[1])) {
      this.failures.record(address);
      throw new UnauthorizedError('Send the device token as "Authorization: Bearer <token>".', 'missingToken');
    }
    const rows = (await this.dataSource.query(
      'SELECT t.id, t.device_id FROM device_tokens t JOIN devices d ON d.id = t.device_id WHERE t.token_hash = $1 AND t.revoked_at IS NULL',
      [hashToken(match[1])],
    )) as { id: string; device_id: string }[];
    if (!rows[0]) {
      this.failures.record(address);
      throw new UnauthorizedError('The device token is invalid or revoked; enrol again.', 'invalidDeviceToken');
    }
    req.device = { deviceId: rows[0].device_id, tokenId: rows[0].id };
    return true;
  }
}
