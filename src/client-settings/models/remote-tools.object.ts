import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum FirewallProfileEnum { DOMAIN = 'domain', PRIVATE = 'private', PUBLIC = 'public' }
export enum RemoteControlAccessLevelEnum { NO_ACCESS = 'noAccess', VIEW_ONLY = 'viewOnly', FULL_CONTROL = 'fullControl' }
export enum PlaySoundEnum { NEVER = 'never', BEGINNING_AND_END = 'beginningAndEnd', REPEATEDLY = 'repeatedly' }
export enum RemoteAssistanceAccessLevelEnum { NONE = 'none', REMOTE_VIEWING = 'remoteViewing', FULL_CONTROL = 'fullControl' }
registerEnumType(FirewallProfileEnum, { name: 'FirewallProfile' });
registerEnumType(RemoteControlAccessLevelEnum, { name: 'RemoteControlAccessLevel' });
registerEnumType(PlaySoundEnum, { name: 'PlaySound' });
registerEnumType(RemoteAssistanceAccessLevelEnum, { name: 'RemoteAssistanceAccessLevel' });

/** The Remote Tools group (domain.md), one field per Configuration Manager setting. */
@ObjectType('RemoteToolsSettings')
export class RemoteToolsObject {
  @Field() enableRemoteControl: boolean;
  @Field(() => [FirewallProfileEnum]) firewallExceptionProfiles: FirewallProfileEnum[];
  @Field() usersCanChangeSettings: boolean;
  @Field() allowUnattendedComputer: boolean;
  @Field() promptUserForPermission: boolean;
  @Field() promptUserForClipboardPermission: boolean;
  @Field() grantPermissionToLocalAdministrators: boolean;
  @Field(() => RemoteControlAccessLevelEnum) accessLevel: RemoteControlAccessLevelEnum;
  @Field(() => [String]) permittedViewers: string[];
  @Field() showNotificationIcon: boolean;
  @Field() showConnectionBar: boolean;
  @Field(() => PlaySoundEnum) playSound: PlaySoundEnum;
  @Field() manageUnsolicitedRemoteAssistance: boolean;
  @Field() manageSolicitedRemoteAssistance: boolean;
  @Field(() => RemoteAssistanceAccessLevelEnum) remoteAssistanceAccessLevel: RemoteAssistanceAccessLevelEnum;
  @Field() manageRemoteDesktop: boolean;
  @Field() allowPermittedViewersRemoteDesktop: boolean;
  @Field() requireNetworkLevelAuthentication: boolean;
}

@InputType('RemoteToolsSettingsInput')
export class RemoteToolsInput {
  @Field({ nullable: true }) enableRemoteControl?: boolean;
  @Field(() => [FirewallProfileEnum], { nullable: true }) firewallExceptionProfiles?: FirewallProfileEnum[];
  @Field({ nullable: true }) usersCanChangeSettings?: boolean;
  @Field({ nullable: true }) allowUnattendedComputer?: boolean;
  @Field({ nullable: true }) promptUserForPermission?: boolean;
  @Field({ nullable: true }) promptUserForClipboardPermission?: boolean;
  @Field({ nullable: true }) grantPermissionToLocalAdministrators?: boolean;
  @Field(() => RemoteControlAccessLevelEnum, { nullable: true }) accessLevel?: RemoteControlAccessLevelEnum;
  @Field(() => [String], { nullable: true }) permittedViewers?: string[];
  @Field({ nullable: true }) showNotificationIcon?: boolean;
  @Field({ nullable: true }) showConnectionBar?: boolean;
  @Field(() => PlaySoundEnum, { nullable: true }) playSound?: PlaySoundEnum;
  @Field({ nullable: true }) manageUnsolicitedRemoteAssistance?: boolean;
  @Field({ nullable: true }) manageSolicitedRemoteAssistance?: boolean;
  @Field(() => RemoteAssistanceAccessLevelEnum, { nullable: true }) remoteAssistanceAccessLevel?: RemoteAssistanceAccessLevelEnum;
  @Field({ nullable: true }) manageRemoteDesktop?: boolean;
  @Field({ nullable: true }) allowPermittedViewersRemoteDesktop?: boolean;
  @Field({ nullable: true }) requireNetworkLevelAuthentication?: boolean;
}
