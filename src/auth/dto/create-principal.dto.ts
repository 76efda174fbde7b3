import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsIn, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { Role, ROLES } from '../../common/authz/roles';
import { OptionalField } from '../../common/validation/optional-field';

/** `CONTOSO\alice`, `alice@contoso.com`, `pipeline-deploy`: no control characters, no leading/trailing space. */
export const PRINCIPAL_NAME = /^[^\s\x00-\x1f\x7f/][^\x00-\x1f\x7f/]{0,254}[^\s\x00-\x1f\x7f/]$|^[^\s\x00-\x1f\x7f/]$/;

export class CreatePrincipalDto {
  @ApiProperty({ example: 'CONTOSO\\alice', maxLength: 256 })
  @IsString() @MaxLength(256) @Matches(PRINCIPAL_NAME, { message: 'name must be 1-256 printable characters without / or surrounding spaces' })
  name: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @OptionalField() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(256)
  displayName?: string | null;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ type: [String], description: 'Collections whose members this principal may see and act on.' })
  @OptionalField() @ArrayMaxSize(100) @ArrayUnique() @IsString({ each: true }) @MaxLength(64, { each: true })
  scopeCollectionIds?: string[];

  @ApiPropertyOptional({ type: [String], example: ['CONTOSO\\Helpdesk'] })
  @OptionalField() @ArrayMaxSize(1000) @IsString({ each: true }) @MaxLength(256, { each: true })
  groups?: string[];
}

/** Any of the fields; written out (not PartialType) so that null is refused where a value is required. */
export class UpdatePrincipalDto {
  @ApiPropertyOptional({ nullable: true, type: String })
  @OptionalField() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(256)
  displayName?: string | null;

  @ApiPropertyOptional({ enum: ROLES })
  @OptionalField() @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: [String] })
  @OptionalField() @ArrayMaxSize(100) @ArrayUnique() @IsString({ each: true }) @MaxLength(64, { each: true })
  scopeCollectionIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @OptionalField() @ArrayMaxSize(1000) @IsString({ each: true }) @MaxLength(256, { each: true })
  groups?: string[];
}

export class TokenIdParam {
  @IsUUID() id: string;
}
