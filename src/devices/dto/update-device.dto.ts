import { Field, ID, InputType } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { SITE_CODE } from '../../hierarchy/site-types';
import { DEVICE_NAME, JOIN_TYPES, JoinType } from '../device-types';
import { JoinTypeEnum } from '../models/join-type.enum';
import { DeviceAttributesDto } from './device-attributes.dto';
import { OptionalField } from '../../common/validation/optional-field';

/** `PATCH /devices/{id}`: any field; the join rules are checked on the result. */
@InputType({ isAbstract: true })
export class UpdateDeviceDto extends DeviceAttributesDto {
  @Field({ nullable: true })
  @ApiPropertyOptional({ pattern: DEVICE_NAME.source, maxLength: 15 })
  @OptionalField() @IsString() @Matches(DEVICE_NAME, { message: 'name must be 1-15 letters, digits or hyphens, starting with a letter or digit' })
  name?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional()
  @OptionalField() @IsString() @Matches(SITE_CODE, { message: 'siteCode must be a site code' })
  siteCode?: string;

  @Field(() => JoinTypeEnum, { nullable: true })
  @ApiPropertyOptional({ enum: JOIN_TYPES })
  @OptionalField() @IsIn(JOIN_TYPES)
  joinType?: JoinType;
}

@InputType()
export class UpdateDeviceInput extends UpdateDeviceDto {
  @Field(() => ID, { description: 'The device id or its global id.' })
  @IsString() @MaxLength(512)
  id: string;

  @Field({ nullable: true, description: 'The etag last read; the change fails if the device changed since.' })
  @OptionalField() @IsString() @MaxLength(256)
  ifMatch?: string;
}

@InputType()
export class DeleteDeviceInput {
  @Field(() => ID)
  @IsString() @MaxLength(512)
  id: string;

  @Field({ nullable: true })
  @OptionalField() @IsString() @MaxLength(256)
  ifMatch?: string;
}
