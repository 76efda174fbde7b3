import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection';
import { Node } from '../../common/graphql/node.interface';

export enum RoleEnum {
  FULL_ADMINISTRATOR = 'fullAdministrator',
  REMOTE_TOOLS_OPERATOR = 'remoteToolsOperator',
  READ_ONLY_ANALYST = 'readOnlyAnalyst',
  INFRASTRUCTURE_ADMINISTRATOR = 'infrastructureAdministrator',
}
registerEnumType(RoleEnum, { name: 'Role' });

@ObjectType('Principal', { implements: () => [Node] })
export class PrincipalObject implements Node {
  __typename: 'Principal';
  @Field(() => ID) id: string;
  @Field(() => ID, { description: 'The REST id.' }) principalId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) displayName: string | null;
  @Field(() => RoleEnum) role: RoleEnum;
  @Field(() => [String]) scopeCollectionIds: string[];
  @Field(() => [String]) groups: string[];
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

export const PrincipalConnection = Connection(PrincipalObject, 'Principal');
