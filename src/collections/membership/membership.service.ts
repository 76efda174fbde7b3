import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { DevicesWritten } from '../../devices/device-change-hooks';
import { DevicePresence } from '../../devices/device-presence';
import { parseFilter } from '../../common/filter/filter-parser';
import { evaluateDevices } from './device-evaluation';
import { evaluateCollection } from './membership-evaluator';
import { CollectionDefinition, loadMembershipState, MembershipState } from './membership-state';
import { referencedFields } from './rule-filter';

/** Fields every device update changes, whatever the caller sent. */
const ALWAYS_CHANGED = ['updatedAt'];

/**
 * Keeps stored membership current. Callers hold the membership lock.
 * A collection is re-evaluated when its own rules changed, or when one of
 * the collections it references changed its members; references go first.
 */
@Injectable()
export class MembershipService {
  constructor(private readonly presence: DevicePresence, private readonly clock: Clock) {}

  load(manager: EntityManager): Promise<MembershipState> {
    return loadMembershipState(manager);
  }

  /** Full re-evaluation of `ids`, then of whatever depends on them whose references changed. */
  async reevaluate(manager: EntityManager, ids: string[], state?: MembershipState): Promise<void> {
    const current = state ?? (await this.load(manager));
    await this.cascade(manager, current, new Set(ids));
  }

  /** Every collection, fully, references first (after a bulk load, or to check stored membership). */
  async reevaluateAll(manager: EntityManager): Promise<void> {
    const state = await this.load(manager);
    await this.cascade(manager, state, new Set(state.definitions.keys()));
  }

  /**
   * Incremental: only these devices, only collections whose rules can see the
   * change and those that depend on them, set-based (see evaluateDevices): a
   * few statements for one device or an import of 10,000.
   */
  async devicesWritten(manager: EntityManager, change: DevicesWritten): Promise<void> {
    const state = await this.load(manager);
    const changedFields = new Set([...(change.changedFields ?? []), ...ALWAYS_CHANGED]);
    const affected = new Set<string>();
    for (const definition of state.definitions.values()) {
      if (change.kind === 'created' ? this.matchesNewDevices(definition) : this.readsAnyOf(definition, changedFields)) affected.add(definition.id);
    }
    const order = state.graph.evaluationOrder(state.graph.withDependants(affected));
    await evaluateDevices(manager, state, order, this.presence.fields, change.deviceIds, change.kind === 'created');
  }

  /** Removes the devices from every collection before their rows go. */
  async devicesDeleting(manager: EntityManager, deviceIds: string[]): Promise<void> {
    await manager.query(
      `WITH gone AS (DELETE FROM collection_members WHERE device_id = ANY($1::uuid[]) RETURNING collection_id)
       UPDATE collections c SET member_count = c.member_count - g.n
         FROM (SELECT collection_id, count(*)::int AS n FROM gone GROUP BY collection_id) g
        WHERE c.id = g.collection_id`,
      [deviceIds],
    );
  }

  /** Drops a collection's stored members before the collection goes. */
  async forget(manager: EntityManager, collectionId: string): Promise<void> {
    await manager.query('DELETE FROM collection_members WHERE collection_id = $1', [collectionId]);
  }

  /**
   * Evaluates `start` fully, then each dependant only for the devices that
   * joined or left the collections it references: no other device's
   * membership can have changed.
   */
  private async cascade(manager: EntityManager, state: MembershipState, start: Set<string>): Promise<void> {
    const changes = new Map<string, string[]>();
    const now = this.clock.now();
    for (const id of state.graph.evaluationOrder(state.graph.withDependants(start))) {
      const definition = state.definitions.get(id)!;
      let only: string[] | undefined;
      if (!start.has(id)) {
        const delta = new Set(state.graph.referencesOf(id).flatMap((ref) => changes.get(ref) ?? []));
        if (delta.size === 0) continue;
        only = [...delta];
      }
      const { changed } = await evaluateCollection(manager, definition, this.presence.fields, only, now);
      if (changed.length) changes.set(id, changed);
    }
  }

  /** A new device enters All Systems, and any collection with a query rule might match it. */
  private matchesNewDevices(definition: CollectionDefinition): boolean {
    return definition.builtIn || definition.rules.some((r) => r.type === 'query');
  }

  private readsAnyOf(definition: CollectionDefinition, fields: Set<string>): boolean {
    return definition.rules.some((rule) => {
      if (rule.type !== 'query' || !rule.filter) return false;
      for (const name of referencedFields(parseFilter(rule.filter), this.presence.fields)) if (fields.has(name)) return true;
      return false;
    });
  }
}
