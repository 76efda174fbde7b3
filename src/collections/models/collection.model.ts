import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RULE_TYPES } from '../collection-types';

export class CollectionModel {
  @ApiProperty({ example: 'all-systems' }) id: string;
  @ApiProperty({ description: 'Global id, the same as GraphQL Node.id.' }) nodeId: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true, type: String }) description: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'null only for All Systems.' }) limitingCollectionId: string | null;
  @ApiProperty() builtIn: boolean;
  @ApiProperty({ description: 'Members you may see (your scope applies).' }) memberCount: number;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) lastEvaluatedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() etag: string;
}

export class CollectionList {
  @ApiProperty({ type: [CollectionModel] }) value: CollectionModel[];
  @ApiPropertyOptional() nextLink?: string;
}

export class CollectionRuleModel {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RULE_TYPES }) type: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) deviceId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) name: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) filter: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'include / exclude: the other collection.' }) collectionId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() etag: string;
}

export class CollectionRuleList {
  @ApiProperty({ type: [CollectionRuleModel] }) value: CollectionRuleModel[];
  @ApiPropertyOptional() nextLink?: string;
}
