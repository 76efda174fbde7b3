import { Controller, Delete, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { Permission } from '../common/authz/roles';
import { toClientSettingsModel, toDeploymentModel } from './client-settings.mapper';
import { DeploymentsService } from './deployments.service';
import { ClientSettingsList, DeploymentList, DeploymentModel } from './models/client-settings.model';

@ApiTags('client-settings')
@Controller()
export class DeploymentsController {
  constructor(private readonly deployments: DeploymentsService) {}

  @Get('client-settings/:id/deployments')
  @Authenticated(Permission.ClientSettingsRead)
  @ApiOperation({ operationId: 'listClientSettingsDeployments', summary: 'The collections these client settings are deployed to.' })
  @ApiOkResponse({ type: DeploymentList })
  async list(@Param('id') id: string): Promise<DeploymentList> {
    return { value: (await this.deployments.list(id)).map(toDeploymentModel) };
  }

  @Put('client-settings/:id/deployments/:collectionId')
  @Authenticated(Permission.ClientSettingsWrite)
  @ApiOperation({ operationId: 'deployClientSettings', summary: 'Deploy to a collection (idempotent: 201 when new, 200 when already deployed).' })
  @ApiOkResponse({ type: DeploymentModel })
  async deploy(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Param('collectionId') collectionId: string, @Res({ passthrough: true }) res: Response): Promise<DeploymentModel> {
    const created = await this.deployments.deploy(caller, id, collectionId);
    res.status(created ? 201 : 200);
    const found = (await this.deployments.list(id)).find((d) => d.collectionId === collectionId);
    return toDeploymentModel(found as NonNullable<typeof found>);
  }

  @Delete('client-settings/:id/deployments/:collectionId')
  @HttpCode(204)
  @Authenticated(Permission.ClientSettingsWrite)
  @ApiOperation({ operationId: 'undeployClientSettings', summary: 'Remove a deployment (idempotent).' })
  @ApiNoContentResponse()
  async undeploy(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Param('collectionId') collectionId: string): Promise<void> {
    await this.deployments.undeploy(caller, id, collectionId);
  }

  @Get('collections/:id/client-settings')
  @Authenticated(Permission.ClientSettingsRead)
  @ApiOperation({ operationId: 'listCollectionClientSettings', summary: 'Client settings deployed to this collection, in precedence order.' })
  @ApiOkResponse({ type: ClientSettingsList })
  async deployedTo(@Principal() caller: CurrentPrincipal, @Param('id') collectionId: string): Promise<ClientSettingsList> {
    return { value: (await this.deployments.settingsDeployedTo(caller, collectionId)).map(toClientSettingsModel) };
  }
}
