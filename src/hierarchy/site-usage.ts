import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SiteUsage } from './sites.errors';

/** Answers whether something still uses a site, inside the deleting transaction. */
export type SiteUsageCheck = (manager: EntityManager, code: string) => Promise<SiteUsage | null>;

/**
 * Features that assign things to sites (devices) register a check here, so
 * deleting a site can refuse while it is used without hierarchy importing them.
 */
@Injectable()
export class SiteUsageChecks {
  private readonly checks: SiteUsageCheck[] = [];

  register(check: SiteUsageCheck): void {
    this.checks.push(check);
  }

  async usagesOf(manager: EntityManager, code: string): Promise<SiteUsage[]> {
    const found: SiteUsage[] = [];
    for (const check of this.checks) {
      const usage = await check(manager, code);
      if (usage && usage.total > 0) found.push(usage);
    }
    return found;
  }
}
