import { ConflictError, ForbiddenError } from '../common/errors/domain-error';
import type { PolicyVerdict } from './policy/policy.types';

/** A policy denial: 403 with `reason`, or 409 for device state; the rule trace rides along. */
export function policyDenied(verdict: PolicyVerdict): ForbiddenError | ConflictError {
  const reason = verdict.reason as string;
  const failed = verdict.rules.find((r) => !r.passed);
  const message = `Session denied (${reason}): ${failed?.detail ?? 'policy'}.`;
  const extra = { reason, rules: verdict.rules };
  return verdict.status === 409 ? new ConflictError(message, reason, extra) : new ForbiddenError(message, reason, extra);
}

export class SessionStateError extends ConflictError {
  constructor(message: string) {
    super(message, 'invalidSessionState');
  }
}
