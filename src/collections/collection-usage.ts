import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CollectionUsage } from './collections.errors';

/** Answers whether something outside collections still refers to one, inside the deleting transaction. */
export type CollectionUsageCheck = (manager: EntityManager, collectionId: string) => Promise<CollectionUsage | null>;

/**
 * Features that point at collections (principal scopes, client settings
 * deployments) register here, so a referenced collection is not deleted
 * and collections need not import them.
 */
@Injectable()
export class CollectionUsageChecks {
  private readonly checks: CollectionUsageCheck[] = [];

  register(check: CollectionUsageCheck): void {
    this.checks.push(check);
  }

  async usagesOf(manager: EntityManager, collectionId: string): Promise<CollectionUsage[]> {
    const found: CollectionUsage[] = [];
    for (const check of this.checks) {
      const usage = await check(manager, collectionId);
      if (usage && usage.total > 0) found.push(usage);
    }
    return found;
  }
}
