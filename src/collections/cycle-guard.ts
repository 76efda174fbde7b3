import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CollectionsRepository } from './collections.repository';
import { CollectionCycleError, InvalidRuleError } from './collections.errors';
import { loadMembershipState } from './membership/membership-state';

/** Refuses references to missing collections and references that would close a loop. */
@Injectable()
export class CycleGuard {
  constructor(private readonly collections: CollectionsRepository) {}

  async assertExists(tx: EntityManager, id: string, field: string): Promise<void> {
    if (!(await this.collections.find(id, tx))) throw new InvalidRuleError(field, 'notFound', `Collection '${id}' does not exist.`);
  }

  /** `from` may start depending on `to` (include, exclude or limiting). */
  async assertCanReference(tx: EntityManager, from: string, to: string, field: string): Promise<void> {
    await this.assertExists(tx, to, field);
    const state = await loadMembershipState(tx);
    const cycle = state.graph.cycleIfAdded(from, to);
    if (cycle) throw new CollectionCycleError(cycle.map((id) => state.definitions.get(id)?.name ?? id), cycle);
  }
}
