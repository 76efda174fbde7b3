import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JOIN_TYPES } from '../device-types';

export class DeviceModel {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Global id, the same as GraphQL Node.id.' }) nodeId: string;
  @ApiProperty({ example: 'PC-0001' }) name: string;
  @ApiProperty({ example: 'PS1' }) siteCode: string;
  @ApiProperty({ enum: JOIN_TYPES }) joinType: string;
  @ApiPropertyOptional({ nullable: true, type: String }) domain: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) workgroup: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) osName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) osVersion: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) clientVersion: string | null;
  @ApiProperty() clientActive: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The logged-on user; null: unattended.' }) currentUser: string | null;
  @ApiProperty({ type: [String] }) localAdministrators: string[];
  @ApiProperty({ type: [String] }) ipAddresses: string[];
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) lastSeenAt: string | null;
  @ApiProperty({ description: 'A heartbeat within AGENT_OFFLINE_AFTER_SECONDS.' }) online: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() etag: string;
}

export class DeviceList {
  @ApiProperty({ type: [DeviceModel] }) value: DeviceModel[];
  @ApiPropertyOptional() nextLink?: string;
}

export class ImportedDevice {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() siteCode: string;
}

export class DeviceImportResult {
  @ApiProperty({ description: 'How many devices were created.' }) created: number;
  @ApiProperty({ type: [ImportedDevice], description: 'The created devices, in input order.' }) value: ImportedDevice[];
}
