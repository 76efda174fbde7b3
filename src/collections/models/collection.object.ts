import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection';
import { Node } from '../../common/graphql/node.interface';
import { UserError } from '../../common/graphql/user-error';
import { CollectionRuleTypeEnum } from './rule-type.enum';

@ObjectType('CollectionRule')
export class CollectionRuleObject {
  @Field(() => ID) id: string;
  @Field(() => CollectionRuleTypeEnum) type: CollectionRuleTypeEnum;
  @Field(() => ID, { nullable: true }) deviceId: string | null;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => String, { nullable: true }) filter: string | null;
  @Field(() => ID, { nullable: true, description: 'include / exclude: the other collection.' }) collectionId: string | null;
  @Field() createdAt: Date;
}

@ObjectType('Collection', { implements: () => [Node] })
export class CollectionObject implements Node {
  __typename: 'Collection';
  @Field(() => ID) id: string;
  @Field(() => ID, { description: 'The REST id.' }) collectionId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => ID, { nullable: true }) limitingCollectionId: string | null;
  @Field() builtIn: boolean;
  /** Stored count; the field resolver narrows it to the caller's scope. */
  storedMemberCount: number;
  @Field(() => Date, { nullable: true }) lastEvaluatedAt: Date | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field() etag: string;
}

export const CollectionConnection = Connection(CollectionObject, 'Collection');

@ObjectType()
export class CollectionPayload {
  @Field(() => CollectionObject, { nullable: true }) collection: CollectionObject | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class DeleteCollectionPayload {
  @Field(() => ID, { nullable: true }) deletedCollectionId: string | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class CollectionRuleResult {
  @Field(() => CollectionObject) collection: CollectionObject;
  @Field(() => CollectionRuleObject, { nullable: true }) rule: CollectionRuleObject | null;
}

@ObjectType()
export class CollectionRulePayload {
  @Field(() => CollectionRuleResult, { nullable: true }) result: CollectionRuleResult | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

