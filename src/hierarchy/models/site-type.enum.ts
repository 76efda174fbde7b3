import { registerEnumType } from '@nestjs/graphql';

/** SCREAMING_CASE in GraphQL, the camelCase wire values underneath. */
export enum SiteTypeEnum {
  CENTRAL = 'central',
  PRIMARY = 'primary',
  SECONDARY = 'secondary',
}
registerEnumType(SiteTypeEnum, { name: 'SiteType' });
