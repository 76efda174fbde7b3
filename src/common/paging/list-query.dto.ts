import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_TOP } from './list-query';
import { OptionalField } from '../validation/optional-field';

/** The query parameters every list route takes; `$`-prefixed OData spellings too. */
export class ListQueryDto {
  @ApiPropertyOptional({ description: "OData-style filter, e.g. startswith(name,'PC-') and joinType eq 'domain'" })
  @OptionalField() @IsString() @MaxLength(8192)
  filter?: string;

  @ApiPropertyOptional({ name: '$filter', description: 'Same as filter.' })
  @OptionalField() @IsString() @MaxLength(8192)
  $filter?: string;

  @ApiPropertyOptional({ description: 'Comma-separated fields to return (id is always returned).' })
  @OptionalField() @IsString() @MaxLength(2048)
  select?: string;

  @ApiPropertyOptional({ name: '$select', description: 'Same as select.' })
  @OptionalField() @IsString() @MaxLength(2048)
  $select?: string;

  @ApiPropertyOptional({ description: "Sort keys, e.g. 'name desc,lastSeenAt'." })
  @OptionalField() @IsString() @MaxLength(1024)
  orderby?: string;

  @ApiPropertyOptional({ name: '$orderby', description: 'Same as orderby.' })
  @OptionalField() @IsString() @MaxLength(1024)
  $orderby?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TOP, default: 100, description: 'Page size.' })
  @OptionalField() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_TOP)
  top?: number;

  @ApiPropertyOptional({ name: '$top', minimum: 1, maximum: MAX_TOP, description: 'Same as top.' })
  @OptionalField() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_TOP)
  $top?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page’s nextLink.' })
  @OptionalField() @IsString() @MaxLength(4096)
  cursor?: string;
}
