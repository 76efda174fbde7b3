import { Injectable } from '@nestjs/common';
import type { CurrentPrincipal } from '../authz/current-principal';

export type NodeLoader = (id: string, caller: CurrentPrincipal) => Promise<({ __typename: string } & object) | null>;

/** Features register how to load their types by id; `node(id:)` asks here. Unknown or out of scope: null. */
@Injectable()
export class NodeRegistry {
  private readonly loaders = new Map<string, NodeLoader>();

  register(type: string, loader: NodeLoader): void {
    this.loaders.set(type, loader);
  }

  load(type: string, id: string, caller: CurrentPrincipal): Promise<({ __typename: string } & object) | null> {
    const loader = this.loaders.get(type);
    return loader ? loader(id, caller) : Promise.resolve(null);
  }
}
