import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SITE_TYPES } from '../site-types';

export class SiteModel {
  @ApiProperty({ description: 'The site code (sites are identified by code).' }) id: string;
  @ApiProperty({ description: 'Global id, the same as GraphQL Node.id.' }) nodeId: string;
  @ApiProperty({ example: 'PS1' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: SITE_TYPES }) type: string;
  @ApiPropertyOptional({ nullable: true, type: String }) parentCode: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() etag: string;
}

export class SiteList {
  @ApiProperty({ type: [SiteModel] }) value: SiteModel[];
  @ApiPropertyOptional() nextLink?: string;
}
