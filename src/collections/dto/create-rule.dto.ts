import { Field, ID, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {IsIn, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { RULE_TYPES, RuleType } from '../collection-types';
import { CollectionRuleTypeEnum } from '../models/rule-type.enum';
import { OptionalField } from '../../common/validation/optional-field';

/** `POST /collections/{id}/rules`: `{type: direct, deviceId}` | `{type: query, name?, filter}` | `{type: include|exclude, collectionId}`. */
@InputType({ isAbstract: true })
export class CreateRuleDto {
  @Field(() => CollectionRuleTypeEnum)
  @ApiProperty({ enum: RULE_TYPES })
  @IsIn(RULE_TYPES)
  type: RuleType;

  @Field(() => ID, { nullable: true })
  @ApiPropertyOptional({ format: 'uuid', description: 'direct: the device.' })
  @ValidateIf((o: CreateRuleDto) => o.type === 'direct' || o.deviceId !== undefined) @IsUUID()
  deviceId?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ maxLength: 256, description: 'query: a label for the rule.' })
  @OptionalField() @IsString() @MaxLength(256)
  name?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: "startswith(name,'FIN-') and joinType eq 'domain'", description: 'query: a filter over device fields, as in GET /devices.' })
  @ValidateIf((o: CreateRuleDto) => o.type === 'query' || o.filter !== undefined) @IsString() @MinLength(1) @MaxLength(4096)
  filter?: string;

  @Field(() => ID, { nullable: true })
  @ApiPropertyOptional({ description: 'include / exclude: the other collection.' })
  @ValidateIf((o: CreateRuleDto) => o.type === 'include' || o.type === 'exclude' || o.collectionId !== undefined) @IsString() @MaxLength(64)
  collectionId?: string;
}

@InputType()
export class AddCollectionRuleInput extends CreateRuleDto {
  @Field(() => ID, { description: 'The collection that gets the rule (id or global id).' })
  @IsString() @MaxLength(512)
  id: string;
}

@InputType()
export class RemoveCollectionRuleInput {
  @Field(() => ID, { description: 'The collection (id or global id).' })
  @IsString() @MaxLength(512)
  id: string;

  @Field(() => ID)
  @IsString() @MaxLength(64)
  ruleId: string;
}
