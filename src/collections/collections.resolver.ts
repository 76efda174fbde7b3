import { OnModuleInit } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Authenticated } from '../common/authz/auth.decorators';
import { hasPermission, Permission } from '../common/authz/roles';
import { ConnectionShape } from '../common/graphql/connection';
import { pagedConnection } from '../common/graphql/graph-list-query';
import { localIdOf } from '../common/graphql/id-input';
import { NodeRegistry } from '../common/graphql/node-registry';
import { toCollectionObject } from './collections.mapper';
import { CollectionsService } from './collections.service';
import { CollectionsArgs, collectionListQuery } from './models/collection-filter.input';
import { CollectionConnection, CollectionObject } from './models/collection.object';

@Resolver(() => CollectionObject)
export class CollectionsResolver implements OnModuleInit {
  constructor(private readonly service: CollectionsService, private readonly nodes: NodeRegistry) {}

  onModuleInit(): void {
    this.nodes.register('Collection', async (id, caller) => {
      if (!hasPermission(caller.role, Permission.InventoryRead)) return null;
      const [collection] = await this.service.findMany([id]);
      return collection ? toCollectionObject(collection) : null;
    });
  }

  @Query(() => CollectionConnection)
  @Authenticated(Permission.InventoryRead)
  async collections(@Args() args: CollectionsArgs): Promise<ConnectionShape<CollectionObject>> {
    const query = collectionListQuery(args);
    const page = await this.service.list(query);
    return pagedConnection(page, () => this.service.count(query), query, toCollectionObject, (c) => c.id);
  }

  @Query(() => CollectionObject, { nullable: true })
  @Authenticated(Permission.InventoryRead)
  async collection(@Args('id', { type: () => ID }) id: string): Promise<CollectionObject | null> {
    const [collection] = await this.service.findMany([localIdOf(id, 'Collection')]);
    return collection ? toCollectionObject(collection) : null;
  }
}
