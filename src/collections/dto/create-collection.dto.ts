import { Field, ID, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PRINTABLE } from '../../devices/dto/device-field.rules';
import { OptionalField } from '../../common/validation/optional-field';

/** `POST /collections` and GraphQL `createCollection(input:)`. */
@InputType('CreateCollectionInput')
export class CreateCollectionDto {
  @Field()
  @ApiProperty({ example: 'Finance workstations', maxLength: 256 })
  @IsString() @MinLength(1) @MaxLength(256) @Matches(PRINTABLE, { message: 'name must be printable text' })
  name: string;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2048 })
  @OptionalField() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2048)
  description?: string | null;

  @Field(() => ID, { nullable: true })
  @ApiPropertyOptional({ default: 'all-systems', description: 'Members are always within this collection’s members.' })
  @OptionalField() @IsString() @MaxLength(64)
  limitingCollectionId?: string;
}
