import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { ConnectionShape } from '../common/graphql/connection';
import { pagedConnection } from '../common/graphql/graph-list-query';
import { requestLoader } from '../common/graphql/request-loader';
import { DevicePresence } from '../devices/device-presence';
import { DeviceScope } from '../devices/device-scope';
import { toDeviceObject } from '../devices/devices.mapper';
import { DevicesRepository } from '../devices/devices.repository';
import { DeviceConnection, DeviceObject } from '../devices/models/device.object';
import { DevicesArgs, deviceListQuery } from '../devices/models/devices.args';
import { CollectionMemberEntity } from './collection-member.entity';
import { CollectionRulesRepository } from './collection-rules.repository';
import { toCollectionObject, toRuleObject } from './collections.mapper';
import { CollectionsService } from './collections.service';
import { CollectionObject, CollectionRuleObject } from './models/collection.object';

/** Collection → members, memberCount, rules, limitingCollection: each batched per request. */
@Resolver(() => CollectionObject)
export class CollectionFieldsResolver {
  constructor(
    private readonly collections: CollectionsService,
    private readonly devices: DevicesRepository,
    private readonly scope: DeviceScope,
    private readonly presence: DevicePresence,
    private readonly rulesRepository: CollectionRulesRepository,
  ) {}

  @ResolveField(() => Int, { description: 'Members you may see (your scope applies).' })
  memberCount(@Parent() collection: CollectionObject, @Principal() caller: CurrentPrincipal, @Context('req') req: Request): Promise<number> {
    if (!this.scope.conditionFor(caller)) return Promise.resolve(collection.storedMemberCount);
    const loader = requestLoader<string, number>(req, 'collection.memberCount', async (ids) => {
      const entities = await this.collections.findMany(ids);
      const counts = await this.collections.memberCountsFor(caller, entities);
      return ids.map((id) => counts.get(id) ?? 0);
    });
    return loader.load(collection.collectionId);
  }

  @ResolveField(() => DeviceConnection, { description: 'Member devices in your scope.' })
  members(@Parent() collection: CollectionObject, @Args() args: DevicesArgs, @Principal() caller: CurrentPrincipal, @Context('req') req: Request): Promise<ConnectionShape<DeviceObject>> {
    const query = deviceListQuery(args, this.presence.fields);
    const loader = requestLoader<string, ConnectionShape<DeviceObject>>(req, `collection.members:${JSON.stringify(args)}`, async (ids) => {
      const scope = this.scope.conditionFor(caller);
      const pages = await this.devices.pagesBy(
        () => this.devices.scoped(scope).innerJoin(CollectionMemberEntity, 'cm', 'cm.device_id = d.id').andWhere('cm.collection_id = ANY(:memberOfAny)', { memberOfAny: [...ids] }),
        'cm.collection_id', query, this.presence.fields,
      );
      return ids.map((id) => {
        const page = pages.get(id) ?? { items: [], totalCount: 0 };
        return pagedConnection(page, page.totalCount, query, (d) => toDeviceObject(d, this.presence.isOnline(d.lastSeenAt)), (d) => d.id);
      });
    });
    return loader.load(collection.collectionId);
  }

  @ResolveField(() => [CollectionRuleObject])
  rules(@Parent() collection: CollectionObject, @Context('req') req: Request): Promise<CollectionRuleObject[]> {
    const loader = requestLoader<string, CollectionRuleObject[]>(req, 'collection.rules', async (ids) => {
      const rows = await this.rulesRepository.listForMany(ids);
      return ids.map((id) => rows.filter((r) => r.collectionId === id).map(toRuleObject));
    });
    return loader.load(collection.collectionId);
  }

  @ResolveField(() => CollectionObject, { nullable: true })
  limitingCollection(@Parent() collection: CollectionObject, @Context('req') req: Request): Promise<CollectionObject | null> {
    if (!collection.limitingCollectionId) return Promise.resolve(null);
    const loader = requestLoader<string, CollectionObject | null>(req, 'collection.byId', async (ids) => {
      const found = new Map((await this.collections.findMany(ids)).map((c) => [c.id, toCollectionObject(c)]));
      return ids.map((id) => found.get(id) ?? null);
    });
    return loader.load(collection.limitingCollectionId);
  }
}
