import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { SESSION_ACCESS_LEVELS, SESSION_TYPES, SessionAccessLevel, SessionType } from '../session-states';
import { OptionalField } from '../../common/validation/optional-field';

export class StartSessionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() deviceId: string;
  @ApiProperty({ enum: SESSION_TYPES, default: 'remoteControl' }) @IsIn(SESSION_TYPES) type: SessionType;
  @ApiProperty({ enum: SESSION_ACCESS_LEVELS }) @IsIn(SESSION_ACCESS_LEVELS) accessLevel: SessionAccessLevel;
  @ApiPropertyOptional({ maxLength: 1024, description: 'Why you connect; kept in the audit trail.' }) @OptionalField() @IsString() @MaxLength(1024) reason?: string;
}
