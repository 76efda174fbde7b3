import { Field, ID, InputType } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { SITE_CODE } from '../site-types';
import { OptionalField } from '../../common/validation/optional-field';

/** `PATCH /sites/{code}`: a new name, or another primary parent for a secondary. */
@InputType({ isAbstract: true })
export class UpdateSiteDto {
  @Field({ nullable: true })
  @ApiPropertyOptional({ maxLength: 256 })
  @OptionalField() @IsString() @MinLength(1) @MaxLength(256)
  name?: string;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: String })
  @OptionalField() @ValidateIf((_, v) => v !== null) @IsString() @Matches(SITE_CODE, { message: 'parentCode must be a site code' })
  parentCode?: string | null;
}

@InputType()
export class UpdateSiteInput extends UpdateSiteDto {
  @Field(() => ID, { description: 'The site code or its global id.' })
  @IsString() @MaxLength(512)
  code: string;

  @Field({ nullable: true, description: 'The etag last read; the change fails if the site changed since.' })
  @OptionalField() @IsString() @MaxLength(256)
  ifMatch?: string;
}

@InputType()
export class DeleteSiteInput {
  @Field(() => ID, { description: 'The site code or its global id.' })
  @IsString() @MaxLength(512)
  code: string;

  @Field({ nullable: true })
  @OptionalField() @IsString() @MaxLength(256)
  ifMatch?: string;
}
