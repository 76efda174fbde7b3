import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection';
import { Node } from '../../common/graphql/node.interface';
import { UserError } from '../../common/graphql/user-error';
import { SiteTypeEnum } from './site-type.enum';

@ObjectType('Site', { implements: () => [Node] })
export class SiteObject implements Node {
  __typename: 'Site';
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => SiteTypeEnum) type: SiteTypeEnum;
  @Field(() => String, { nullable: true }) parentCode: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field() etag: string;
}

export const SiteConnection = Connection(SiteObject, 'Site');

@ObjectType()
export class SitePayload {
  @Field(() => SiteObject, { nullable: true }) site: SiteObject | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class DeleteSitePayload {
  @Field(() => String, { nullable: true, description: 'The code of the deleted site.' }) deletedCode: string | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
