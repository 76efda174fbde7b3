import { OnModuleInit } from '@nestjs/common';
import { Args, ArgsType, Field, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from 'class-validator';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { hasPermission, Permission } from '../common/authz/roles';
import { ConnectionArgs, ConnectionShape } from '../common/graphql/connection';
import { GraphFilter, toFilterNode } from '../common/graphql/filter-input';
import { graphListQuery, pagedConnection } from '../common/graphql/graph-list-query';
import { localIdOf } from '../common/graphql/id-input';
import { NodeRegistry } from '../common/graphql/node-registry';
import { runMutation } from '../common/graphql/user-error';
import { validateInput } from '../common/validation/validate-input';
import { CreateSiteDto } from './dto/create-site.dto';
import { DeleteSiteInput, UpdateSiteInput } from './dto/update-site.dto';
import { SiteFilter, SiteOrder } from './models/site-filter.input';
import { DeleteSitePayload, SiteConnection, SiteObject, SitePayload } from './models/site.object';
import { toSiteObject } from './sites.mapper';
import { SITE_FIELDS } from './sites.repository';
import { SitesService } from './sites.service';

@ArgsType()
class SitesArgs extends ConnectionArgs {
  @Field(() => SiteFilter, { nullable: true }) @Allow() filter?: GraphFilter;
  @Field(() => [SiteOrder], { nullable: true }) @Allow() orderBy?: { field: string; direction?: string }[];
}

@Resolver(() => SiteObject)
export class SitesResolver implements OnModuleInit {
  constructor(private readonly service: SitesService, private readonly nodes: NodeRegistry) {}

  onModuleInit(): void {
    this.nodes.register('Site', async (code, caller) => {
      if (!hasPermission(caller.role, Permission.InventoryRead)) return null;
      const [site] = await this.service.findMany([code]);
      return site ? toSiteObject(site) : null;
    });
  }

  @Query(() => SiteConnection)
  @Authenticated(Permission.InventoryRead)
  async sites(@Args() args: SitesArgs): Promise<ConnectionShape<SiteObject>> {
    const query = graphListQuery(SITE_FIELDS, { ...args, filter: toFilterNode(args.filter) }, [{ field: 'code', direction: 'asc' }]);
    const [page, total] = await Promise.all([this.service.list(query), this.service.count(query)]);
    return pagedConnection(page, total, query, toSiteObject, (s) => s.code);
  }

  @Query(() => SiteObject, { nullable: true })
  @Authenticated(Permission.InventoryRead)
  async site(@Args('code') code: string): Promise<SiteObject | null> {
    const [site] = await this.service.findMany([localIdOf(code, 'Site').toUpperCase()]);
    return site ? toSiteObject(site) : null;
  }

  @Mutation(() => SitePayload)
  @Authenticated(Permission.SitesWrite)
  createSite(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => CreateSiteDto }) input: Record<string, unknown>) {
    return runMutation('site', async () => toSiteObject(await this.service.create(caller, validateInput(CreateSiteDto, input))));
  }

  @Mutation(() => SitePayload)
  @Authenticated(Permission.SitesWrite)
  updateSite(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => UpdateSiteInput }) input: Record<string, unknown>) {
    return runMutation('site', async () => {
      const { code, ifMatch, ...patch } = validateInput(UpdateSiteInput, input);
      return toSiteObject(await this.service.update(caller, localIdOf(code, 'Site'), patch, ifMatch));
    });
  }

  @Mutation(() => DeleteSitePayload)
  @Authenticated(Permission.SitesWrite)
  deleteSite(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => DeleteSiteInput }) input: Record<string, unknown>) {
    return runMutation('deletedCode', async () => {
      const { code, ifMatch } = validateInput(DeleteSiteInput, input);
      const local = localIdOf(code, 'Site').toUpperCase();
      await this.service.remove(caller, local, ifMatch);
      return local;
    });
  }
}
