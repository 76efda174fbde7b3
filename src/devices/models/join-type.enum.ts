import { registerEnumType } from '@nestjs/graphql';

export enum JoinTypeEnum {
  DOMAIN = 'domain',
  WORKGROUP = 'workgroup',
}
registerEnumType(JoinTypeEnum, { name: 'JoinType' });
