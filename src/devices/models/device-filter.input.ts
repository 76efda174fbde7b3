import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { BooleanFilter, DateTimeFilter, EnumFilter, IdFilter, StringFilter, StringListFilter } from '../../common/graphql/filter-input';
import { OrderByInput } from '../../common/graphql/graph-list-query';
import { JoinTypeEnum } from './join-type.enum';

const JoinTypeFilter = EnumFilter(JoinTypeEnum, 'JoinType');

/** Operator objects over every scalar device field, combinable with and/or/not. */
@InputType()
export class DeviceFilter {
  @Field(() => IdFilter, { nullable: true }) id?: IdFilter;
  @Field(() => StringFilter, { nullable: true }) name?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) siteCode?: StringFilter;
  @Field(() => JoinTypeFilter, { nullable: true }) joinType?: object;
  @Field(() => StringFilter, { nullable: true }) domain?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) workgroup?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) osName?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) osVersion?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) clientVersion?: StringFilter;
  @Field(() => BooleanFilter, { nullable: true }) clientActive?: BooleanFilter;
  @Field(() => StringFilter, { nullable: true }) currentUser?: StringFilter;
  @Field(() => StringListFilter, { nullable: true }) localAdministrators?: StringListFilter;
  @Field(() => StringListFilter, { nullable: true }) ipAddresses?: StringListFilter;
  @Field(() => DateTimeFilter, { nullable: true }) lastSeenAt?: DateTimeFilter;
  @Field(() => BooleanFilter, { nullable: true }) online?: BooleanFilter;
  @Field(() => DateTimeFilter, { nullable: true }) createdAt?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true }) updatedAt?: DateTimeFilter;
  @Field(() => [DeviceFilter], { nullable: true }) and?: DeviceFilter[];
  @Field(() => [DeviceFilter], { nullable: true }) or?: DeviceFilter[];
  @Field(() => DeviceFilter, { nullable: true }) not?: DeviceFilter;
}

export enum DeviceOrderField {
  NAME = 'name',
  SITE_CODE = 'siteCode',
  JOIN_TYPE = 'joinType',
  DOMAIN = 'domain',
  WORKGROUP = 'workgroup',
  OS_NAME = 'osName',
  OS_VERSION = 'osVersion',
  CLIENT_VERSION = 'clientVersion',
  CLIENT_ACTIVE = 'clientActive',
  CURRENT_USER = 'currentUser',
  LAST_SEEN_AT = 'lastSeenAt',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}
registerEnumType(DeviceOrderField, { name: 'DeviceOrderField' });

export const DeviceOrder = OrderByInput(DeviceOrderField, 'Device');
