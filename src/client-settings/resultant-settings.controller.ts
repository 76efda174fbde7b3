import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { Permission } from '../common/authz/roles';
import { toResultantSettingsModel } from './client-settings.mapper';
import { ResultantSettingsModel } from './models/client-settings.model';
import { ResultantSettingsService } from './resultant-settings.service';

@ApiTags('devices')
@Controller('devices')
export class ResultantSettingsController {
  constructor(private readonly resultant: ResultantSettingsService) {}

  @Get(':id/resultant-settings')
  @Authenticated(Permission.InventoryRead)
  @ApiOperation({ operationId: 'getResultantSettings', summary: 'The Remote Tools settings in force for the device, and where they came from.' })
  @ApiOkResponse({ type: ResultantSettingsModel })
  async get(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<ResultantSettingsModel> {
    const model = toResultantSettingsModel(await this.resultant.forDevice(caller, id));
    res.setHeader('ETag', model.etag);
    res.setHeader('Cache-Control', 'no-cache');
    return model;
  }
}
