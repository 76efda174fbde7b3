import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection';
import { Node } from '../../common/graphql/node.interface';
import { UserError } from '../../common/graphql/user-error';
import { JoinTypeEnum } from './join-type.enum';

@ObjectType('Device', { implements: () => [Node] })
export class DeviceObject implements Node {
  __typename: 'Device';
  @Field(() => ID) id: string;
  @Field(() => ID, { description: 'The REST id.' }) deviceId: string;
  @Field() name: string;
  @Field() siteCode: string;
  @Field(() => JoinTypeEnum) joinType: JoinTypeEnum;
  @Field(() => String, { nullable: true }) domain: string | null;
  @Field(() => String, { nullable: true }) workgroup: string | null;
  @Field(() => String, { nullable: true }) osName: string | null;
  @Field(() => String, { nullable: true }) osVersion: string | null;
  @Field(() => String, { nullable: true }) clientVersion: string | null;
  @Field() clientActive: boolean;
  @Field(() => String, { nullable: true, description: 'The logged-on user; null: unattended.' }) currentUser: string | null;
  @Field(() => [String]) localAdministrators: string[];
  @Field(() => [String]) ipAddresses: string[];
  @Field(() => Date, { nullable: true }) lastSeenAt: Date | null;
  @Field() online: boolean;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field() etag: string;
}

export const DeviceConnection = Connection(DeviceObject, 'Device');

@ObjectType()
export class DevicePayload {
  @Field(() => DeviceObject, { nullable: true }) device: DeviceObject | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class DeleteDevicePayload {
  @Field(() => ID, { nullable: true, description: 'The global id of the deleted device.' }) deletedDeviceId: string | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class ImportDevicesResult {
  @Field(() => Int) createdCount: number;
  @Field(() => [DeviceObject]) devices: DeviceObject[];
}

@ObjectType()
export class ImportDevicesPayload {
  @Field(() => ImportDevicesResult, { nullable: true }) result: ImportDevicesResult | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
