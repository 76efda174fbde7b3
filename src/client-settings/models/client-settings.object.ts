import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection';
import { Node } from '../../common/graphql/node.interface';
import { UserError } from '../../common/graphql/user-error';
import { RemoteToolsInput, RemoteToolsObject } from './remote-tools.object';

@ObjectType('ClientSettingsDeployment')
export class DeploymentObject {
  @Field(() => ID) clientSettingsId: string;
  @Field(() => ID) collectionId: string;
  @Field() deployedBy: string;
  @Field() createdAt: Date;
}

@ObjectType('ClientSettings', { implements: () => [Node] })
export class ClientSettingsObject implements Node {
  __typename: 'ClientSettings';
  @Field(() => ID) id: string;
  @Field(() => ID, { description: 'The REST id (`default` for the Default Client Settings).' }) clientSettingsId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => Int) priority: number;
  @Field() isDefault: boolean;
  @Field(() => RemoteToolsObject, { nullable: true, description: 'null: this object does not configure Remote Tools.' }) remoteTools: RemoteToolsObject | null;
  @Field({ description: 'Send back as `etag` in updateClientSettings.' }) etag: string;
  @Field() updatedAt: Date;
}

export const ClientSettingsConnection = Connection(ClientSettingsObject, 'ClientSettings');

@ObjectType('ResultantSettings')
export class ResultantSettingsObject {
  @Field(() => ID) sourceClientSettingsId: string;
  @Field(() => RemoteToolsObject) remoteTools: RemoteToolsObject;
  @Field() evaluatedAt: Date;
}

@InputType()
export class CreateClientSettingsInput {
  @Field() name: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Int, { nullable: true }) priority?: number;
  @Field(() => RemoteToolsInput, { nullable: true, description: 'Omit for all defaults; null for "does not configure Remote Tools".' }) remoteTools?: RemoteToolsInput | null;
}

@InputType()
export class UpdateClientSettingsInput {
  @Field(() => ID) id: string;
  @Field({ description: 'The etag last read; a stale one is a preconditionFailed user error.' }) etag: string;
  @Field({ nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => RemoteToolsInput, { nullable: true }) remoteTools?: RemoteToolsInput | null;
}

@InputType()
export class DeployClientSettingsInput {
  @Field(() => ID) clientSettingsId: string;
  @Field(() => ID) collectionId: string;
  @Field({ nullable: true, defaultValue: true, description: 'false removes the deployment.' }) deployed: boolean;
}

@InputType()
export class SetClientSettingsPriorityInput {
  @Field(() => ID) id: string;
  @Field(() => Int) priority: number;
}

@ObjectType()
export class ClientSettingsPayload {
  @Field(() => ClientSettingsObject, { nullable: true }) clientSettings: ClientSettingsObject | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
