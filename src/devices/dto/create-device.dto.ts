import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { SITE_CODE } from '../../hierarchy/site-types';
import { DEVICE_NAME, JOIN_TYPES, JoinType } from '../device-types';
import { JoinTypeEnum } from '../models/join-type.enum';
import { DeviceAttributesDto } from './device-attributes.dto';

/** `POST /devices`, each line of `POST /devices/import`, and GraphQL `createDevice(input:)`. */
@InputType('CreateDeviceInput')
export class CreateDeviceDto extends DeviceAttributesDto {
  @Field()
  @ApiProperty({ example: 'PC-0001', pattern: DEVICE_NAME.source, maxLength: 15 })
  @IsString() @Matches(DEVICE_NAME, { message: 'name must be 1-15 letters, digits or hyphens, starting with a letter or digit' })
  name: string;

  @Field()
  @ApiProperty({ example: 'PS1', description: 'A primary or secondary site.' })
  @IsString() @Matches(SITE_CODE, { message: 'siteCode must be a site code' })
  siteCode: string;

  @Field(() => JoinTypeEnum)
  @ApiProperty({ enum: JOIN_TYPES })
  @IsIn(JOIN_TYPES)
  joinType: JoinType;
}
