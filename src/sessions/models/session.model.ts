import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { END_REASONS, SESSION_ACCESS_LEVELS, SESSION_STATES, SESSION_TYPES } from '../session-states';

export class SessionModel {
  @ApiProperty() id: string;
  @ApiProperty() nodeId: string;
  @ApiProperty() deviceId: string;
  @ApiProperty({ enum: SESSION_TYPES }) type: string;
  @ApiProperty({ enum: SESSION_ACCESS_LEVELS }) accessLevel: string;
  @ApiProperty() viewer: string;
  @ApiProperty({ enum: SESSION_STATES }) state: string;
  @ApiPropertyOptional({ enum: END_REASONS, nullable: true }) endReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() consentRequired: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) consentDeadline: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) relayUrl: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) consentedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) startedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) endedAt: string | null;
  @ApiProperty() bytesFromViewer: number;
  @ApiProperty() bytesFromAgent: number;
  @ApiProperty() etag: string;
}

export class StartedSessionModel extends SessionModel {
  @ApiPropertyOptional({ description: 'Single-use relay ticket for the viewer; present when no consent is needed. Shown only here.' }) viewerTicket?: string;
  @ApiPropertyOptional({ description: 'When the viewer ticket expires.' }) viewerTicketExpiresAt?: string;
  @ApiPropertyOptional({ description: 'Browser viewer; the ticket rides in the URL fragment, never sent to a server.' }) viewerUrl?: string;
}

export class SessionList {
  @ApiProperty({ type: [SessionModel] }) value: SessionModel[];
  @ApiPropertyOptional() nextLink?: string;
}

export class RuleResultModel {
  @ApiProperty() rule: string;
  @ApiProperty() passed: boolean;
  @ApiProperty() detail: string;
}

export class SessionCheckModel {
  @ApiProperty() allowed: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ description: 'The status POST /sessions would answer with.' }) status: number;
  @ApiProperty() consentRequired: boolean;
  @ApiProperty({ type: [RuleResultModel] }) rules: RuleResultModel[];
  @ApiProperty({ description: 'The resultant Remote Tools settings used.' }) resultantSettings: object;
  @ApiProperty() sourceClientSettingsId: string;
}

export class ViewerTicketModel {
  @ApiProperty() sessionId: string;
  @ApiProperty() viewerTicket: string;
  @ApiProperty() viewerTicketExpiresAt: string;
  @ApiProperty() relayUrl: string;
  @ApiProperty() viewerUrl: string;
}
