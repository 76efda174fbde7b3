import { Field, InputType } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {ArrayMaxSize, IsBoolean, IsIP, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { DOMAIN_NAME, PRINTABLE, WORKGROUP_NAME } from './device-field.rules';
import { OptionalField } from '../../common/validation/optional-field';

/** The optional, inventory-reported fields shared by create, update and import. */
@InputType({ isAbstract: true })
export class DeviceAttributesDto {
  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: String, example: 'contoso.com', description: 'Required for domain joins, absent for workgroup.' })
  @OptionalField() @ValidateIf((_, v) => v !== null) @IsString() @Matches(DOMAIN_NAME, { message: 'domain must be a DNS or NetBIOS domain name' })
  domain?: string | null;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: String, example: 'WORKGROUP', description: 'Only for workgroup joins.' })
  @OptionalField() @ValidateIf((_, v) => v !== null) @IsString() @Matches(WORKGROUP_NAME, { message: 'workgroup must be 1-15 letters, digits, hyphens, dots or underscores' })
  workgroup?: string | null;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Microsoft Windows 11 Enterprise' })
  @OptionalField() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(128) @Matches(PRINTABLE)
  osName?: string | null;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: String, example: '10.0.22631' })
  @OptionalField() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(64) @Matches(PRINTABLE)
  osVersion?: string | null;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: String, example: '5.00.9128.1000' })
  @OptionalField() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(64) @Matches(PRINTABLE)
  clientVersion?: string | null;

  @Field({ nullable: true })
  @ApiPropertyOptional({ default: false })
  @OptionalField() @IsBoolean()
  clientActive?: boolean;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: String, example: 'CONTOSO\\alice', description: 'The logged-on user; null: unattended.' })
  @OptionalField() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(256) @Matches(PRINTABLE)
  currentUser?: string | null;

  @Field(() => [String], { nullable: true })
  @ApiPropertyOptional({ type: [String], example: ['CONTOSO\\Domain Admins'] })
  @OptionalField() @ArrayMaxSize(1000) @IsString({ each: true }) @MaxLength(256, { each: true }) @Matches(PRINTABLE, { each: true })
  localAdministrators?: string[];

  @Field(() => [String], { nullable: true })
  @ApiPropertyOptional({ type: [String], example: ['10.1.2.3', 'fe80::1'] })
  @OptionalField() @ArrayMaxSize(64) @IsIP(undefined, { each: true, message: 'each value in ipAddresses must be an IPv4 or IPv6 address' })
  ipAddresses?: string[];
}
