import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../common/paging/list-query.dto';
import { SESSION_STATES, SESSION_TYPES } from '../session-states';

export class SessionsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() deviceId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(256) viewer?: string;
  @ApiPropertyOptional({ enum: SESSION_STATES }) @IsOptional() @IsIn(SESSION_STATES) state?: string;
  @ApiPropertyOptional({ enum: SESSION_TYPES }) @IsOptional() @IsIn(SESSION_TYPES) type?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Sessions created at or after.' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Sessions created before.' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}
