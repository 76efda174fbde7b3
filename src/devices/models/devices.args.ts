import { ArgsType, Field } from '@nestjs/graphql';
import { Allow } from 'class-validator';
import { ConnectionArgs } from '../../common/graphql/connection';
import { GraphFilter, toFilterNode } from '../../common/graphql/filter-input';
import { graphListQuery } from '../../common/graphql/graph-list-query';
import { FieldMap } from '../../common/filter/filter-fields';
import { ListQuery } from '../../common/paging/list-query';
import { DeviceFilter, DeviceOrder } from './device-filter.input';

/** `first`, `after`, `filter`, `orderBy` of every device connection. */
@ArgsType()
export class DevicesArgs extends ConnectionArgs {
  @Field(() => DeviceFilter, { nullable: true }) @Allow() filter?: GraphFilter;
  @Field(() => [DeviceOrder], { nullable: true }) @Allow() orderBy?: { field: string; direction?: string }[];
}

export function deviceListQuery(args: DevicesArgs, fields: FieldMap): ListQuery {
  return graphListQuery(fields, { ...args, filter: toFilterNode(args.filter) }, [{ field: 'name', direction: 'asc' }]);
}
