import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { changedFields } from '../audit/audit-diff';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal } from '../common/authz/current-principal';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import { assertIfMatch, etagOf } from '../common/etag/etag';
import { ListQuery, Page } from '../common/paging/list-query';
import { DeviceScope, SqlCondition } from '../devices/device-scope';
import { CollectionEntity } from './collection.entity';
import { ALL_SYSTEMS_ID } from './collection-types';
import { CollectionUsageChecks } from './collection-usage';
import { BuiltInCollectionError, CollectionInUseError } from './collections.errors';
import { collectionSnapshot } from './collections.mapper';
import { CollectionsRepository } from './collections.repository';
import { CreateCollectionDto } from './dto/create-collection.dto';
import { UpdateCollectionDto } from './dto/update-collection.dto';
import { CycleGuard } from './cycle-guard';
import { lockMembership } from './membership/membership-lock';
import { MembershipService } from './membership/membership.service';
import { assertMayReshape } from './scope-protection';

/** Collections: definitions, and member counts as the caller may see them. */
@Injectable()
export class CollectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly collections: CollectionsRepository,
    private readonly membership: MembershipService,
    private readonly cycles: CycleGuard,
    private readonly usage: CollectionUsageChecks,
    private readonly scope: DeviceScope,
    private readonly audit: AuditService,
  ) {}

  list(query: ListQuery, extra?: SqlCondition): Promise<Page<CollectionEntity>> {
    return this.collections.list(query, extra);
  }

  count(query?: ListQuery, extra?: SqlCondition): Promise<number> {
    return this.collections.count(query, extra);
  }

  /** Collections are visible to every reader; scope narrows their members, not the collections. */
  get(_caller: CurrentPrincipal, id: string): Promise<CollectionEntity> {
    return this.require(id);
  }

  /** The collection, or 404. */
  async require(id: string, manager?: EntityManager, lock = false): Promise<CollectionEntity> {
    const collection = await this.collections.find(id, manager, lock);
    if (!collection) throw new NotFoundError('Collection', id);
    return collection;
  }

  findMany(ids: readonly string[]): Promise<CollectionEntity[]> {
    return this.collections.findMany(ids);
  }

  /** Member counts narrowed to the caller's scope (stored counts for full administrators). */
  async memberCountsFor(caller: CurrentPrincipal, collections: CollectionEntity[]): Promise<Map<string, number>> {
    const condition = this.scope.conditionFor(caller, 'cm.device_id');
    if (!condition) return new Map(collections.map((c) => [c.id, c.memberCount]));
    if (condition.sql === 'false' || collections.length === 0) return new Map(collections.map((c) => [c.id, 0]));
    const counts = await this.collections.visibleCounts(collections.map((c) => c.id), condition);
    return new Map(collections.map((c) => [c.id, counts.get(c.id) ?? 0]));
  }

  create(caller: CurrentPrincipal, input: CreateCollectionDto): Promise<CollectionEntity> {
    return this.dataSource.transaction(async (tx) => {
      await lockMembership(tx);
      await this.assertNameFree(tx, input.name);
      const limitingCollectionId = input.limitingCollectionId ?? ALL_SYSTEMS_ID;
      await this.cycles.assertExists(tx, limitingCollectionId, 'limitingCollectionId');
      const collection = await this.collections.save(tx, this.collections.create({
        id: randomUUID(), name: input.name, description: input.description ?? null, limitingCollectionId, builtIn: false, memberCount: 0,
      }));
      await this.membership.reevaluate(tx, [collection.id]);
      await this.audit.record(tx, { type: 'collectionChanged', actor: caller.name, details: { action: 'created', id: collection.id, ...collectionSnapshot(collection) } });
      return this.require(collection.id, tx);
    });
  }

  update(caller: CurrentPrincipal, id: string, input: UpdateCollectionDto, ifMatch?: string): Promise<CollectionEntity> {
    return this.dataSource.transaction(async (tx) => {
      await lockMembership(tx);
      const collection = await this.lockForChange(tx, id);
      assertIfMatch(ifMatch, etagOf(collection.id, collection.version));
      const before = collectionSnapshot(collection);
      if (input.name !== undefined && input.name !== collection.name) await this.assertNameFree(tx, input.name, collection.id);
      const limitingChanged = input.limitingCollectionId !== undefined && input.limitingCollectionId !== collection.limitingCollectionId;
      if (limitingChanged) await assertMayReshape(tx, caller, collection.id);
      if (limitingChanged) await this.cycles.assertCanReference(tx, collection.id, input.limitingCollectionId as string, 'limitingCollectionId');
      Object.assign(collection, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(limitingChanged ? { limitingCollectionId: input.limitingCollectionId } : {}),
      });
      await this.collections.save(tx, collection);
      if (limitingChanged) await this.membership.reevaluate(tx, [collection.id]);
      const diff = changedFields(before, collectionSnapshot(collection));
      await this.audit.record(tx, { type: 'collectionChanged', actor: caller.name, details: { action: 'updated', id: collection.id, name: collection.name, ...diff } });
      return this.require(collection.id, tx);
    });
  }

  remove(caller: CurrentPrincipal, id: string, ifMatch?: string): Promise<void> {
    return this.dataSource.transaction(async (tx) => {
      await lockMembership(tx);
      const collection = await this.lockForChange(tx, id);
      assertIfMatch(ifMatch, etagOf(collection.id, collection.version));
      const referencing = await this.collections.referencing(tx, collection.id);
      const usages = [...(referencing.total ? [referencing] : []), ...(await this.usage.usagesOf(tx, collection.id))];
      if (usages.length) throw new CollectionInUseError(collection.name, usages);
      await this.membership.forget(tx, collection.id);
      await this.collections.remove(tx, collection.id);
      await this.audit.record(tx, { type: 'collectionChanged', actor: caller.name, details: { action: 'deleted', id: collection.id, ...collectionSnapshot(collection) } });
    });
  }

  /** The collection, locked for a definition change; built-in collections refuse. */
  async lockForChange(tx: EntityManager, id: string): Promise<CollectionEntity> {
    const collection = await this.require(id, tx, true);
    if (collection.builtIn) throw new BuiltInCollectionError(collection.name);
    return collection;
  }

  private async assertNameFree(tx: EntityManager, name: string, exceptId?: string): Promise<void> {
    if (await this.collections.nameTaken(tx, name, exceptId)) throw new ConflictError(`A collection named '${name}' already exists.`);
  }
}
