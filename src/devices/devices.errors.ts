import { ConflictError } from '../common/errors/domain-error';

export class DuplicateDeviceNameError extends ConflictError {
  constructor(name: string, siteCode: string) {
    super(`A device named '${name}' already exists in site '${siteCode}' (names are unique per site, regardless of case).`, 'conflict', { name, siteCode });
  }
}

export const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driver = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driver?.code === UNIQUE_VIOLATION && driver.constraint === constraint;
}
