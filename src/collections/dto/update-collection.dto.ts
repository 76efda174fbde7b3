import { Field, ID, InputType } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PRINTABLE } from '../../devices/dto/device-field.rules';
import { OptionalField } from '../../common/validation/optional-field';

/** `PATCH /collections/{id}`. */
@InputType({ isAbstract: true })
export class UpdateCollectionDto {
  @Field({ nullable: true })
  @ApiPropertyOptional({ maxLength: 256 })
  @OptionalField() @IsString() @MinLength(1) @MaxLength(256) @Matches(PRINTABLE, { message: 'name must be printable text' })
  name?: string;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2048 })
  @OptionalField() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2048)
  description?: string | null;

  @Field(() => ID, { nullable: true })
  @ApiPropertyOptional()
  @OptionalField() @IsString() @MaxLength(64)
  limitingCollectionId?: string;
}

@InputType()
export class UpdateCollectionInput extends UpdateCollectionDto {
  @Field(() => ID, { description: 'The collection id or its global id.' })
  @IsString() @MaxLength(512)
  id: string;

  @Field({ nullable: true })
  @OptionalField() @IsString() @MaxLength(256)
  ifMatch?: string;
}

@InputType()
export class CollectionRefInput {
  @Field(() => ID, { description: 'The collection id or its global id.' })
  @IsString() @MaxLength(512)
  id: string;

  @Field({ nullable: true, description: 'For deletes: the etag last read.' })
  @OptionalField() @IsString() @MaxLength(256)
  ifMatch?: string;
}
