import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EnrollmentKeyModel {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() siteCode: string;
  @ApiProperty() prefix: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) usesLeft: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) expiresAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() etag: string;
}

export class CreatedEnrollmentKeyModel extends EnrollmentKeyModel {
  @ApiProperty({ description: 'The secret; shown only in this response.' }) key: string;
}

export class EnrollmentKeyList {
  @ApiProperty({ type: [EnrollmentKeyModel] }) value: EnrollmentKeyModel[];
  @ApiPropertyOptional() nextLink?: string;
}

export class EnrolmentModel {
  @ApiProperty() deviceId: string;
  @ApiProperty({ description: 'The device token; shown only here. Keep it at mode 0600.' }) deviceToken: string;
  @ApiProperty({ description: 'True when an existing device of that name and site was rebound.' }) rebound: boolean;
}

export class HeartbeatModel {
  @ApiProperty({ description: 'The resultant Remote Tools settings for this device.' }) resultantSettings: object;
  @ApiProperty() sourceClientSettingsId: string;
  @ApiProperty() etag: string;
  @ApiProperty() heartbeatIntervalSeconds: number;
}

export class OfferModel {
  @ApiProperty() sessionId: string;
  @ApiProperty() type: string;
  @ApiProperty() accessLevel: string;
  @ApiProperty() viewer: string;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() state: string;
  @ApiPropertyOptional({ nullable: true, type: String }) endReason?: string | null;
  @ApiProperty() consentRequired: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) consentDeadline: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) relayUrl: string | null;
  @ApiPropertyOptional({ description: 'Single-use relay ticket for the agent, once the session is ready.' }) agentTicket?: string;
  @ApiPropertyOptional() agentTicketExpiresAt?: string;
}

export class OfferList {
  @ApiProperty({ type: [OfferModel] }) value: OfferModel[];
}
