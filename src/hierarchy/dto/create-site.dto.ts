import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {IsIn, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { SiteTypeEnum } from '../models/site-type.enum';
import { SITE_CODE, SITE_TYPES, SiteType } from '../site-types';
import { OptionalField } from '../../common/validation/optional-field';

/** `POST /sites` and GraphQL `createSite(input:)`. */
@InputType('CreateSiteInput')
export class CreateSiteDto {
  @Field()
  @ApiProperty({ example: 'PS1', pattern: SITE_CODE.source })
  @IsString() @Matches(SITE_CODE, { message: 'code must be three upper-case letters or digits' })
  code: string;

  @Field()
  @ApiProperty({ example: 'Primary site Paris', maxLength: 256 })
  @IsString() @MinLength(1) @MaxLength(256)
  name: string;

  @Field(() => SiteTypeEnum)
  @ApiProperty({ enum: SITE_TYPES })
  @IsIn(SITE_TYPES)
  type: SiteType;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Central for a primary (the default when there is one); a primary for a secondary.' })
  @OptionalField() @ValidateIf((_, v) => v !== null) @IsString() @Matches(SITE_CODE, { message: 'parentCode must be a site code' })
  parentCode?: string | null;
}
