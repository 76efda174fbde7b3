import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {IsISO8601, IsString, Matches, MaxLength } from 'class-validator';
import { OptionalField } from '../../common/validation/optional-field';

export class CreateApiTokenDto {
  @ApiProperty({ example: 'nightly-report', maxLength: 128 })
  @IsString() @MaxLength(128) @Matches(/^[^\x00-\x1f\x7f]+$/, { message: 'name must be printable text' })
  name: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: 90 days from now; at most 2 years.' })
  @OptionalField() @IsISO8601({ strict: true })
  expiresAt?: string;
}
