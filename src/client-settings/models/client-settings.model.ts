import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RemoteToolsDto } from '../dto/remote-tools.dto';

export class ClientSettingsModel {
  @ApiProperty() id: string;
  @ApiProperty() nodeId: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ minimum: 1, maximum: 10000 }) priority: number;
  @ApiProperty({ description: 'True for the Default Client Settings.' }) isDefault: boolean;
  @ApiPropertyOptional({ type: RemoteToolsDto, nullable: true }) remoteTools: object | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() etag: string;
}

export class ClientSettingsList {
  @ApiProperty({ type: [ClientSettingsModel] }) value: ClientSettingsModel[];
  @ApiPropertyOptional() nextLink?: string;
}

export class DeploymentModel {
  @ApiProperty() id: string;
  @ApiProperty() clientSettingsId: string;
  @ApiProperty() collectionId: string;
  @ApiProperty() deployedBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() etag: string;
}

export class DeploymentList {
  @ApiProperty({ type: [DeploymentModel] }) value: DeploymentModel[];
  @ApiPropertyOptional() nextLink?: string;
}

export class ResultantSettingsModel {
  @ApiProperty() id: string;
  @ApiProperty() deviceId: string;
  @ApiProperty({ description: 'The client settings object the group came from (`default` if none applies).' }) sourceClientSettingsId: string;
  @ApiProperty({ type: RemoteToolsDto }) remoteTools: object;
  @ApiProperty() evaluatedAt: string;
  @ApiProperty() etag: string;
}
