import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { EnumFilter, StringFilter } from '../../common/graphql/filter-input';
import { OrderByInput } from '../../common/graphql/graph-list-query';
import { SiteTypeEnum } from './site-type.enum';

const SiteTypeFilter = EnumFilter(SiteTypeEnum, 'SiteType');

@InputType()
export class SiteFilter {
  @Field(() => StringFilter, { nullable: true }) code?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) name?: StringFilter;
  @Field(() => SiteTypeFilter, { nullable: true }) type?: object;
  @Field(() => StringFilter, { nullable: true }) parentCode?: StringFilter;
  @Field(() => [SiteFilter], { nullable: true }) and?: SiteFilter[];
  @Field(() => [SiteFilter], { nullable: true }) or?: SiteFilter[];
  @Field(() => SiteFilter, { nullable: true }) not?: SiteFilter;
}

export enum SiteOrderField {
  CODE = 'code',
  NAME = 'name',
  TYPE = 'type',
  PARENT_CODE = 'parentCode',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}
registerEnumType(SiteOrderField, { name: 'SiteOrderField' });

export const SiteOrder = OrderByInput(SiteOrderField, 'Site');
