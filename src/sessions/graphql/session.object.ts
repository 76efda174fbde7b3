import { Field, Float, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection';
import { Node } from '../../common/graphql/node.interface';
import { UserError } from '../../common/graphql/user-error';

export enum SessionTypeEnum { REMOTE_CONTROL = 'remoteControl', REMOTE_ASSISTANCE = 'remoteAssistance', REMOTE_DESKTOP = 'remoteDesktop' }
export enum SessionAccessLevelEnum { VIEW_ONLY = 'viewOnly', FULL_CONTROL = 'fullControl' }
export enum SessionStateEnum { AWAITING_CONSENT = 'awaitingConsent', READY = 'ready', ACTIVE = 'active', ENDED = 'ended' }
registerEnumType(SessionTypeEnum, { name: 'SessionType' });
registerEnumType(SessionAccessLevelEnum, { name: 'SessionAccessLevel' });
registerEnumType(SessionStateEnum, { name: 'SessionState' });

@ObjectType('Session', { implements: () => [Node] })
export class SessionObject implements Node {
  __typename: 'Session';
  @Field(() => ID) id: string;
  @Field(() => ID, { description: 'The REST id.' }) sessionId: string;
  @Field(() => ID) deviceId: string;
  @Field(() => SessionTypeEnum) type: SessionTypeEnum;
  @Field(() => SessionAccessLevelEnum) accessLevel: SessionAccessLevelEnum;
  @Field() viewer: string;
  @Field(() => SessionStateEnum) state: SessionStateEnum;
  @Field(() => String, { nullable: true, description: 'camelCase end reason, e.g. viewerClosed.' }) endReason: string | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() consentRequired: boolean;
  @Field(() => Date, { nullable: true }) consentDeadline: Date | null;
  @Field(() => String, { nullable: true }) relayUrl: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true }) endedAt: Date | null;
  @Field(() => Float) bytesFromViewer: number;
  @Field(() => Float) bytesFromAgent: number;
}

export const SessionConnection = Connection(SessionObject, 'Session');

@InputType()
export class StartSessionInput {
  @Field(() => ID) deviceId: string;
  @Field(() => SessionTypeEnum, { defaultValue: SessionTypeEnum.REMOTE_CONTROL }) type: SessionTypeEnum;
  @Field(() => SessionAccessLevelEnum) accessLevel: SessionAccessLevelEnum;
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@InputType()
export class EndSessionInput {
  @Field(() => ID) id: string;
}

@ObjectType()
export class RuleResultObject {
  @Field() rule: string;
  @Field() passed: boolean;
  @Field() detail: string;
}

@ObjectType()
export class StartSessionPayload {
  @Field(() => SessionObject, { nullable: true }) session: SessionObject | null;
  @Field(() => String, { nullable: true, description: 'Present when no consent is needed; shown only here.' }) viewerTicket: string | null;
  @Field(() => String, { nullable: true }) viewerUrl: string | null;
  @Field(() => [RuleResultObject], { description: 'The policy trace; on a denial the failed rules say why.' }) rules: RuleResultObject[];
  @Field(() => [UserError], { description: 'On a denial, the code is the policy reason (e.g. remoteAssistanceRequiresDomain).' }) userErrors: UserError[];
}

@ObjectType()
export class EndSessionPayload {
  @Field(() => SessionObject, { nullable: true }) session: SessionObject | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class CheckSessionPayload {
  @Field() allowed: boolean;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() consentRequired: boolean;
  @Field(() => [RuleResultObject]) rules: RuleResultObject[];
  @Field(() => ID, { nullable: true }) sourceClientSettingsId: string | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType('AuditRecord')
export class AuditRecordObject {
  @Field(() => ID) seq: string;
  @Field() occurredAt: Date;
  @Field() type: string;
  @Field() actor: string;
  @Field(() => ID, { nullable: true }) sessionId: string | null;
  @Field(() => ID, { nullable: true }) deviceId: string | null;
  @Field(() => String, { description: 'The details as JSON text.' }) details: string;
  @Field() hash: string;
}

@InputType()
export class AuditRecordFilter {
  @Field(() => [String], { nullable: true, description: 'Event types, e.g. ["sessionStarted", "sessionEnded"].' }) types?: string[];
  @Field(() => ID, { nullable: true }) deviceId?: string;
  @Field(() => ID, { nullable: true }) sessionId?: string;
}
