import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Authenticated, Principal } from '../authz/auth.decorators';
import type { CurrentPrincipal } from '../authz/current-principal';
import { fromGlobalId } from './global-id';
import { Node } from './node.interface';
import { NodeRegistry } from './node-registry';

@Resolver(() => Node)
export class NodeResolver {
  constructor(private readonly registry: NodeRegistry) {}

  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when unknown or out of your scope.' })
  @Authenticated()
  async node(@Principal() caller: CurrentPrincipal, @Args('id', { type: () => ID }) id: string): Promise<object | null> {
    const parsed = fromGlobalId(id);
    return parsed ? this.registry.load(parsed.type, parsed.id, caller) : null;
  }
}
