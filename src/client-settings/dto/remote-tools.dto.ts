import { ApiPropertyOptional } from '@nestjs/swagger';
import {ArrayMaxSize, ArrayUnique, IsBoolean, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { ACCESS_LEVELS, FIREWALL_PROFILES, PLAY_SOUND, REMOTE_ASSISTANCE_ACCESS, RemoteToolsSettings } from '../remote-tools.settings';
import { OptionalField } from '../../common/validation/optional-field';

/** `CONTOSO\Helpdesk`, `alice@contoso.com` or a plain principal name. */
export const VIEWER_NAME = /^(?:[A-Za-z0-9][A-Za-z0-9.\-_ ]{0,62}\\[^\\/:*?"<>|\x00-\x1f]{1,191}|[^@\s\\]{1,128}@[A-Za-z0-9.-]{1,127}|[A-Za-z0-9][A-Za-z0-9.\-_ ]{0,255})$/;

/** Every setting optional: omitted ones take the defaults (create) or stay as they are (PATCH). */
export class RemoteToolsDto implements Partial<RemoteToolsSettings> {
  @ApiPropertyOptional({ default: false }) @OptionalField() @IsBoolean() enableRemoteControl?: boolean;
  @ApiPropertyOptional({ enum: FIREWALL_PROFILES, isArray: true, default: [] })
  @OptionalField() @ArrayUnique() @IsIn(FIREWALL_PROFILES, { each: true })
  firewallExceptionProfiles?: (typeof FIREWALL_PROFILES)[number][];
  @ApiPropertyOptional({ default: false }) @OptionalField() @IsBoolean() usersCanChangeSettings?: boolean;
  @ApiPropertyOptional({ default: true }) @OptionalField() @IsBoolean() allowUnattendedComputer?: boolean;
  @ApiPropertyOptional({ default: true }) @OptionalField() @IsBoolean() promptUserForPermission?: boolean;
  @ApiPropertyOptional({ default: true }) @OptionalField() @IsBoolean() promptUserForClipboardPermission?: boolean;
  @ApiPropertyOptional({ default: true }) @OptionalField() @IsBoolean() grantPermissionToLocalAdministrators?: boolean;
  @ApiPropertyOptional({ enum: ACCESS_LEVELS, default: 'fullControl' }) @OptionalField() @IsIn(ACCESS_LEVELS) accessLevel?: (typeof ACCESS_LEVELS)[number];
  @ApiPropertyOptional({ type: [String], example: ['CONTOSO\\Helpdesk', 'alice@contoso.com'], default: [] })
  @OptionalField() @ArrayMaxSize(1000) @IsString({ each: true }) @MaxLength(256, { each: true })
  @Matches(VIEWER_NAME, { each: true, message: 'each permitted viewer must look like DOMAIN\\name, user@domain or a principal name' })
  permittedViewers?: string[];
  @ApiPropertyOptional({ default: true }) @OptionalField() @IsBoolean() showNotificationIcon?: boolean;
  @ApiPropertyOptional({ default: true }) @OptionalField() @IsBoolean() showConnectionBar?: boolean;
  @ApiPropertyOptional({ enum: PLAY_SOUND, default: 'beginningAndEnd' }) @OptionalField() @IsIn(PLAY_SOUND) playSound?: (typeof PLAY_SOUND)[number];
  @ApiPropertyOptional({ default: false }) @OptionalField() @IsBoolean() manageUnsolicitedRemoteAssistance?: boolean;
  @ApiPropertyOptional({ default: false }) @OptionalField() @IsBoolean() manageSolicitedRemoteAssistance?: boolean;
  @ApiPropertyOptional({ enum: REMOTE_ASSISTANCE_ACCESS, default: 'none' }) @OptionalField() @IsIn(REMOTE_ASSISTANCE_ACCESS) remoteAssistanceAccessLevel?: (typeof REMOTE_ASSISTANCE_ACCESS)[number];
  @ApiPropertyOptional({ default: false }) @OptionalField() @IsBoolean() manageRemoteDesktop?: boolean;
  @ApiPropertyOptional({ default: false }) @OptionalField() @IsBoolean() allowPermittedViewersRemoteDesktop?: boolean;
  @ApiPropertyOptional({ default: true }) @OptionalField() @IsBoolean() requireNetworkLevelAuthentication?: boolean;
}
