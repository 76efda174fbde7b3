import { ApiPropertyOptional } from '@nestjs/swagger';
import {IsIn, IsISO8601, IsString, IsUUID, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../common/paging/list-query.dto';
import { SESSION_STATES, SESSION_TYPES } from '../session-states';
import { OptionalField } from '../../common/validation/optional-field';

export class SessionsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalField() @IsUUID() deviceId?: string;
  @ApiPropertyOptional() @OptionalField() @IsString() @MaxLength(256) viewer?: string;
  @ApiPropertyOptional({ enum: SESSION_STATES }) @OptionalField() @IsIn(SESSION_STATES) state?: string;
  @ApiPropertyOptional({ enum: SESSION_TYPES }) @OptionalField() @IsIn(SESSION_TYPES) type?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Sessions created at or after.' }) @OptionalField() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Sessions created before.' }) @OptionalField() @IsISO8601({ strict: true }) to?: string;
}
