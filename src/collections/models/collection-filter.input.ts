import { ArgsType, Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Allow } from 'class-validator';
import { ConnectionArgs } from '../../common/graphql/connection';
import { BooleanFilter, DateTimeFilter, GraphFilter, IntFilter, StringFilter, toFilterNode } from '../../common/graphql/filter-input';
import { graphListQuery, OrderByInput } from '../../common/graphql/graph-list-query';
import { ListQuery } from '../../common/paging/list-query';
import { COLLECTION_FIELDS } from '../collections.repository';

@InputType()
export class CollectionFilter {
  @Field(() => StringFilter, { nullable: true }) id?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) name?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) description?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) limitingCollectionId?: StringFilter;
  @Field(() => BooleanFilter, { nullable: true }) builtIn?: BooleanFilter;
  @Field(() => IntFilter, { nullable: true, description: 'The stored count of all members, whatever your scope.' }) memberCount?: IntFilter;
  @Field(() => DateTimeFilter, { nullable: true }) lastEvaluatedAt?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true }) createdAt?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true }) updatedAt?: DateTimeFilter;
  @Field(() => [CollectionFilter], { nullable: true }) and?: CollectionFilter[];
  @Field(() => [CollectionFilter], { nullable: true }) or?: CollectionFilter[];
  @Field(() => CollectionFilter, { nullable: true }) not?: CollectionFilter;
}

export enum CollectionOrderField {
  NAME = 'name',
  ID = 'id',
  MEMBER_COUNT = 'memberCount',
  LAST_EVALUATED_AT = 'lastEvaluatedAt',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}
registerEnumType(CollectionOrderField, { name: 'CollectionOrderField' });

export const CollectionOrder = OrderByInput(CollectionOrderField, 'Collection');

@ArgsType()
export class CollectionsArgs extends ConnectionArgs {
  @Field(() => CollectionFilter, { nullable: true }) @Allow() filter?: GraphFilter;
  @Field(() => [CollectionOrder], { nullable: true }) @Allow() orderBy?: { field: string; direction?: string }[];
}

export function collectionListQuery(args: CollectionsArgs): ListQuery {
  return graphListQuery(COLLECTION_FIELDS, { ...args, filter: toFilterNode(args.filter) }, [{ field: 'name', direction: 'asc' }]);
}
