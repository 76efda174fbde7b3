import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, Observable } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { canonicalJson } from '../../audit/audit-hash';
import type { CurrentPrincipal } from '../authz/current-principal';
import { ConflictError, UnprocessableError, ValidationFailedError } from '../errors/domain-error';
import { IdempotencyStore } from './idempotency.store';
import { IdempotentReplay } from './idempotent-replay';

const KEY = /^[\x21-\x7e]{1,255}$/;
/**
 * Secrets are never stored: a replay returns the rest of the body without
 * them. `viewerUrl` carries the viewer ticket in its fragment.
 */
const SECRET_FIELDS = new Set(['token', 'key', 'viewerTicket', 'agentTicket', 'deviceToken', 'enrollmentKey', 'viewerUrl']);

function withoutSecrets(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([k]) => !SECRET_FIELDS.has(k)));
}

/** `Idempotency-Key` on POST, per caller (principal or device): same key and body replays; same key, other body, 422. */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & { user?: CurrentPrincipal; device?: { deviceId: string } }>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.headers['idempotency-key'];
    // The caller: a principal's token, or on agent routes a device's (the agent retries a consent answer).
    const callerId = req.user?.id ?? req.device?.deviceId;
    if (req.method !== 'POST' || key === undefined || !callerId) return next.handle();
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new ValidationFailedError('Idempotency-Key must be 1-255 printable ASCII characters.', [], 'invalidIdempotencyKey');
    }
    const hash = createHash('sha256').update(`${req.method} ${req.path}\n`).update(canonicalJson(req.body ?? null)).digest('hex');
    const defaultStatus = (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ?? 201;
    return from(this.store.claim(callerId, key, hash)).pipe(
      mergeMap((existing) => {
        if (existing) {
          if (existing.requestHash !== hash) {
            throw new UnprocessableError('idempotencyKeyReused', 'This Idempotency-Key was used with a different request.');
          }
          if (existing.status === null) {
            throw new ConflictError('A request with this Idempotency-Key is still in progress.', 'idempotencyKeyInProgress');
          }
          throw new IdempotentReplay(existing.status, existing.responseBody, existing.location);
        }
        return next.handle().pipe(
          mergeMap(async (body) => {
            const location = res.getHeader('Location');
            await this.store.complete(callerId, key, defaultStatus, withoutSecrets(body), typeof location === 'string' ? location : null);
            return body;
          }),
          catchError(async (error) => {
            await this.store.release(callerId, key).catch(() => undefined);
            throw error;
          }),
        );
      }),
    );
  }
}
