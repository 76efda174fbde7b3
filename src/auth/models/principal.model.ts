import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '../../common/authz/roles';

export class PrincipalModel {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Global id, the same as GraphQL Node.id.' }) nodeId: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true, type: String }) displayName: string | null;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ type: [String] }) scopeCollectionIds: string[];
  @ApiProperty({ type: [String] }) groups: string[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() etag: string;
}

export class PrincipalList {
  @ApiProperty({ type: [PrincipalModel] }) value: PrincipalModel[];
  @ApiPropertyOptional() nextLink?: string;
}

export class ApiTokenModel {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The first characters of the token, to tell tokens apart.' }) prefix: string;
  @ApiPropertyOptional({ nullable: true, type: String }) expiresAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) revokedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastUsedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() etag: string;
}

export class ApiTokenList {
  @ApiProperty({ type: [ApiTokenModel] }) value: ApiTokenModel[];
  @ApiPropertyOptional() nextLink?: string;
}

export class CreatedApiTokenModel extends ApiTokenModel {
  @ApiProperty({ description: 'The secret; shown only in this response.' }) token: string;
}
