import { ApiPropertyOptional } from '@nestjs/swagger';
import {IsIn, IsISO8601, IsString, IsUUID, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../common/paging/list-query.dto';
import { AUDIT_EVENT_TYPES } from '../audit-event-types';
import { OptionalField } from '../../common/validation/optional-field';

export class AuditQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_EVENT_TYPES }) @OptionalField() @IsIn(AUDIT_EVENT_TYPES) type?: string;
  @ApiPropertyOptional() @OptionalField() @IsString() @MaxLength(256) actor?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalField() @IsUUID() sessionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalField() @IsUUID() deviceId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Records at or after this time.' }) @OptionalField() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Records before this time.' }) @OptionalField() @IsISO8601({ strict: true }) to?: string;
}

export class AuditExportQueryDto {
  @ApiPropertyOptional({ enum: ['ndjson', 'csv'], default: 'ndjson' }) @OptionalField() @IsIn(['ndjson', 'csv']) format?: 'ndjson' | 'csv';
  @ApiPropertyOptional({ enum: AUDIT_EVENT_TYPES }) @OptionalField() @IsIn(AUDIT_EVENT_TYPES) type?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @OptionalField() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @OptionalField() @IsISO8601({ strict: true }) to?: string;
}
