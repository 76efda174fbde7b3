import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { ConnectionShape } from '../common/graphql/connection';
import { pagedConnection } from '../common/graphql/graph-list-query';
import { requestLoader } from '../common/graphql/request-loader';
import { partitionedPages } from '../common/paging/partitioned-pages';
import { DeviceObject } from '../devices/models/device.object';
import { CollectionMemberEntity } from './collection-member.entity';
import { toCollectionObject } from './collections.mapper';
import { COLLECTION_FIELDS, CollectionsRepository } from './collections.repository';
import { CollectionsArgs, collectionListQuery } from './models/collection-filter.input';
import { CollectionConnection, CollectionObject } from './models/collection.object';

/** Device → the collections holding it: one statement per batch of devices. */
@Resolver(() => DeviceObject)
export class DeviceCollectionsResolver {
  constructor(private readonly repository: CollectionsRepository) {}

  @ResolveField(() => CollectionConnection)
  collections(@Parent() device: DeviceObject, @Args() args: CollectionsArgs, @Context('req') req: Request): Promise<ConnectionShape<CollectionObject>> {
    const query = collectionListQuery(args);
    const loader = requestLoader<string, ConnectionShape<CollectionObject>>(req, `device.collections:${JSON.stringify(args)}`, async (deviceIds) => {
      const pages = await partitionedPages(
        () => this.repository.query().innerJoin(CollectionMemberEntity, 'cm', 'cm.collection_id = c.id').andWhere('cm.device_id = ANY(:heldDevices)', { heldDevices: [...deviceIds] }),
        'cm.device_id', query, COLLECTION_FIELDS, 'c.id', (c) => c.id,
      );
      return deviceIds.map((id) => {
        const page = pages.get(id) ?? { items: [], totalCount: 0 };
        return pagedConnection(page, page.totalCount, query, toCollectionObject, (c) => c.id);
      });
    });
    return loader.load(device.deviceId);
  }
}
