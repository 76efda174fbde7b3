import { OnModuleInit } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import { CurrentPrincipal } from '../common/authz/current-principal';
import { hasPermission, Permission } from '../common/authz/roles';
import { ConnectionArgs, ConnectionShape, toConnection } from '../common/graphql/connection';
import { toGlobalId } from '../common/graphql/global-id';
import { NodeRegistry } from '../common/graphql/node-registry';
import { encodeCursor } from '../common/paging/cursor';
import { fingerprintOf, sortValuesOf } from '../common/paging/keyset';
import { toListQuery } from '../common/paging/list-query.parser';
import { PrincipalEntity } from './entities/principal.entity';
import { PrincipalConnection, PrincipalObject, RoleEnum } from './models/principal.object';
import { PRINCIPAL_FIELDS, PrincipalsRepository } from './principals.repository';
import { PrincipalsService } from './principals.service';

function toPrincipalObject(p: PrincipalEntity): PrincipalObject {
  return {
    __typename: 'Principal',
    id: toGlobalId('Principal', p.id),
    principalId: p.id,
    name: p.name,
    displayName: p.displayName,
    role: p.role as RoleEnum,
    scopeCollectionIds: p.scopeCollectionIds,
    groups: p.groups,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

@Resolver(() => PrincipalObject)
export class PrincipalsResolver implements OnModuleInit {
  constructor(
    private readonly service: PrincipalsService,
    private readonly repository: PrincipalsRepository,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    this.nodes.register('Principal', async (id, caller) => {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const found = await this.service.findById(id);
      const visible = found && (found.id === caller.id || hasPermission(caller.role, Permission.PrincipalsRead));
      return visible ? toPrincipalObject(found) : null;
    });
  }

  @Query(() => PrincipalObject, { description: 'The principal the token belongs to.' })
  @Authenticated()
  async me(@Principal() caller: CurrentPrincipal): Promise<PrincipalObject | null> {
    const found = await this.service.findById(caller.id);
    return found ? toPrincipalObject(found) : null;
  }

  @Query(() => PrincipalConnection)
  @Authenticated(Permission.PrincipalsRead)
  async principals(@Args() args: ConnectionArgs): Promise<ConnectionShape<PrincipalObject>> {
    const query = toListQuery({ top: args.first ?? 50, cursor: args.after }, PRINCIPAL_FIELDS, [{ field: 'name', direction: 'asc' }]);
    const [page, total] = await Promise.all([this.service.list(query), this.repository.count()]);
    const fingerprint = fingerprintOf(query);
    return toConnection(page.items, page.nextCursor, total, toPrincipalObject, (p) => encodeCursor({ values: sortValuesOf(p, query), id: p.id, q: fingerprint }));
  }
}
