import { Field, ID, InterfaceType } from '@nestjs/graphql';

/** Relay's Node: anything with a global id can be fetched by `node(id:)`. */
@InterfaceType('Node', {
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Global id; REST items carry the same value as nodeId.' })
  id: string;
}
