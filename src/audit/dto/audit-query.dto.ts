import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../common/paging/list-query.dto';
import { AUDIT_EVENT_TYPES } from '../audit-event-types';

export class AuditQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_EVENT_TYPES }) @IsOptional() @IsIn(AUDIT_EVENT_TYPES) type?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(256) actor?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() sessionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() deviceId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Records at or after this time.' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Records before this time.' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export class AuditExportQueryDto {
  @ApiPropertyOptional({ enum: ['ndjson', 'csv'], default: 'ndjson' }) @IsOptional() @IsIn(['ndjson', 'csv']) format?: 'ndjson' | 'csv';
  @ApiPropertyOptional({ enum: AUDIT_EVENT_TYPES }) @IsOptional() @IsIn(AUDIT_EVENT_TYPES) type?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}
