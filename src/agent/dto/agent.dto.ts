import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {ArrayMaxSize, IsBoolean, IsIn, IsInt, IsIP, IsISO8601, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { Type } from 'class-transformer';
import { DEVICE_NAME, JOIN_TYPES, JoinType } from '../../devices/device-types';
import { SITE_CODE } from '../../hierarchy/site-types';
import { OptionalField } from '../../common/validation/optional-field';

export class CreateEnrollmentKeyDto {
  @ApiProperty({ maxLength: 128, example: 'Berlin office laptops' }) @IsString() @MaxLength(128) @Matches(/^[^\x00-\x1f\x7f]+$/) name: string;
  @ApiProperty({ example: 'S01' }) @IsString() @Matches(SITE_CODE, { message: 'siteCode must be a site code' }) siteCode: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000000, description: 'Omit for unlimited uses.' }) @OptionalField() @IsInt() @Min(1) @Max(1_000_000) usesLeft?: number;
  @ApiPropertyOptional({ format: 'date-time' }) @OptionalField() @IsISO8601({ strict: true }) expiresAt?: string;
}

export class EnrollDto {
  @ApiProperty() @IsString() @MaxLength(512) enrollmentKey: string;
  @ApiProperty({ example: 'PC-0001' }) @IsString() @Matches(DEVICE_NAME, { message: 'name must be 1-15 letters, digits or hyphens' }) name: string;
  @ApiPropertyOptional({ description: 'Must be the key’s site when given.' }) @OptionalField() @IsString() @Matches(SITE_CODE) siteCode?: string;
  @ApiProperty({ enum: JOIN_TYPES }) @IsIn(JOIN_TYPES) joinType: JoinType;
  @ApiPropertyOptional() @OptionalField() @IsString() @MaxLength(255) domain?: string;
  @ApiPropertyOptional() @OptionalField() @IsString() @MaxLength(15) workgroup?: string;
  @ApiPropertyOptional() @OptionalField() @IsString() @MaxLength(128) osName?: string;
  @ApiPropertyOptional() @OptionalField() @IsString() @MaxLength(64) osVersion?: string;
  @ApiPropertyOptional() @OptionalField() @IsString() @MaxLength(64) clientVersion?: string;
}

export class HeartbeatDto {
  @ApiProperty({ nullable: true, type: String, description: 'The logged-on user; null when nobody is (unattended).' })
  @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(256)
  currentUser: string | null;
  @ApiPropertyOptional({ type: [String] }) @OptionalField() @ArrayMaxSize(64) @IsIP(undefined, { each: true }) ipAddresses?: string[];
  @ApiPropertyOptional({ type: [String] }) @OptionalField() @ArrayMaxSize(256) @IsString({ each: true }) @MaxLength(256, { each: true }) localAdministrators?: string[];
  @ApiPropertyOptional() @OptionalField() @IsString() @MaxLength(64) osVersion?: string;
  @ApiPropertyOptional() @OptionalField() @IsString() @MaxLength(64) clientVersion?: string;
}

export class OffersQueryDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 30, default: 25, description: 'Seconds to wait for an offer.' })
  @OptionalField() @Type(() => Number) @IsInt() @Min(0) @Max(30)
  wait?: number;
}

export class ConsentDto {
  @ApiProperty() @IsBoolean() granted: boolean;
}
