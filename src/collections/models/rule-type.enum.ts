import { registerEnumType } from '@nestjs/graphql';

export enum CollectionRuleTypeEnum {
  DIRECT = 'direct',
  QUERY = 'query',
  INCLUDE = 'include',
  EXCLUDE = 'exclude',
}
registerEnumType(CollectionRuleTypeEnum, { name: 'CollectionRuleType' });
