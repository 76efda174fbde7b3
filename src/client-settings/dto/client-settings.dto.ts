import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {IsInt, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { RemoteToolsDto } from './remote-tools.dto';
import { OptionalField } from '../../common/validation/optional-field';

const NAME = /^[^\x00-\x1f\x7f]+$/;

export class CreateClientSettingsDto {
  @ApiProperty({ example: 'Helpdesk remote control', maxLength: 256 })
  @IsString() @MaxLength(256) @Matches(NAME, { message: 'name must be printable text' })
  name: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2048 })
  @OptionalField() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2048)
  description?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 9999, description: 'Default: the next free priority after the highest custom one.' })
  @OptionalField() @IsInt() @Min(1) @Max(9999)
  priority?: number;

  @ApiPropertyOptional({ type: RemoteToolsDto, nullable: true, description: 'null: this object does not configure Remote Tools. Omitted settings take the defaults.' })
  @OptionalField() @ValidateIf((_, v) => v !== null) @ValidateNested() @Type(() => RemoteToolsDto)
  remoteTools?: RemoteToolsDto | null;
}

export class UpdateClientSettingsDto {
  @ApiPropertyOptional({ maxLength: 256 })
  @OptionalField() @IsString() @MaxLength(256) @Matches(NAME, { message: 'name must be printable text' })
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2048 })
  @OptionalField() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2048)
  description?: string | null;

  @ApiPropertyOptional({ type: RemoteToolsDto, nullable: true, description: 'A partial group merges setting by setting; null stops configuring the group.' })
  @OptionalField() @ValidateIf((_, v) => v !== null) @ValidateNested() @Type(() => RemoteToolsDto)
  remoteTools?: RemoteToolsDto | null;
}

export class SetPriorityDto {
  @ApiProperty({ minimum: 1, maximum: 9999 })
  @IsInt() @Min(1) @Max(9999)
  priority: number;
}
