import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuditRecordModel {
  @ApiProperty({ description: 'The sequence number as a string id.' }) id: string;
  @ApiProperty() seq: number;
  @ApiProperty() occurredAt: string;
  @ApiProperty() type: string;
  @ApiProperty() actor: string;
  @ApiPropertyOptional({ nullable: true, type: String }) sessionId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) deviceId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
  @ApiProperty() etag: string;
}

export class AuditRecordList {
  @ApiProperty({ type: [AuditRecordModel] }) value: AuditRecordModel[];
  @ApiPropertyOptional() nextLink?: string;
}

export class ChainVerdictModel {
  @ApiProperty() valid: boolean;
  @ApiProperty() checked: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) firstBrokenSeq: number | null;
  @ApiProperty() lastSeq: number;
}
