import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ListQueryDto } from '../common/paging/list-query.dto';
import { toListQuery } from '../common/paging/list-query.parser';
import { listEnvelope } from '../common/paging/list-response';
import { CLIENT_SETTINGS_FIELDS, ClientSettingsRepository } from './client-settings.repository';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { Permission } from '../common/authz/roles';
import { toClientSettingsModel } from './client-settings.mapper';
import { ClientSettingsService } from './client-settings.service';
import { CreateClientSettingsDto, SetPriorityDto, UpdateClientSettingsDto } from './dto/client-settings.dto';
import { ClientSettingsList, ClientSettingsModel } from './models/client-settings.model';

function withEtag(res: Response, model: ClientSettingsModel): ClientSettingsModel {
  res.setHeader('ETag', model.etag);
  return model;
}

@ApiTags('client-settings')
@Controller('client-settings')
export class ClientSettingsController {
  constructor(private readonly service: ClientSettingsService, private readonly repository: ClientSettingsRepository) {}

  @Get()
  @Authenticated(Permission.ClientSettingsRead)
  @ApiOperation({ operationId: 'listClientSettings', summary: 'All client settings objects in precedence order (1 first, the default last).' })
  @ApiOkResponse({ type: ClientSettingsList })
  async list(@Query() query: ListQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const page = await this.repository.list(toListQuery(query, CLIENT_SETTINGS_FIELDS, [{ field: 'priority', direction: 'asc' }]));
    return listEnvelope(req, res, page, toClientSettingsModel);
  }

  @Post()
  @Authenticated(Permission.ClientSettingsWrite)
  @ApiOperation({ operationId: 'createClientSettings', summary: 'Create custom client settings; omitted Remote Tools settings take the defaults.' })
  @ApiCreatedResponse({ type: ClientSettingsModel })
  async create(@Principal() caller: CurrentPrincipal, @Body() body: CreateClientSettingsDto, @Res({ passthrough: true }) res: Response) {
    const model = toClientSettingsModel(await this.service.create(caller, body));
    res.setHeader('Location', `/api/v1/client-settings/${model.id}`);
    return withEtag(res, model);
  }

  @Get(':id')
  @Authenticated(Permission.ClientSettingsRead)
  @ApiOperation({ operationId: 'getClientSettings', summary: 'Get one client settings object.' })
  @ApiOkResponse({ type: ClientSettingsModel })
  async get(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, toClientSettingsModel(await this.service.get(id)));
  }

  @Patch(':id')
  @Authenticated(Permission.ClientSettingsWrite)
  @ApiOperation({ operationId: 'updateClientSettings', summary: 'Change name, description or Remote Tools settings; If-Match is required.' })
  @ApiOkResponse({ type: ClientSettingsModel })
  async update(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Body() body: UpdateClientSettingsDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, toClientSettingsModel(await this.service.update(caller, id, body, ifMatch)));
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated(Permission.ClientSettingsWrite)
  @ApiOperation({ operationId: 'deleteClientSettings', summary: 'Delete custom client settings and their deployments.' })
  @ApiNoContentResponse()
  async remove(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.service.remove(caller, id, ifMatch);
  }

  @Post(':id/priority')
  @HttpCode(200)
  @Authenticated(Permission.ClientSettingsWrite)
  @ApiOperation({ operationId: 'setClientSettingsPriority', summary: 'Move to a priority, shifting the others like Increase/Decrease Priority.' })
  @ApiOkResponse({ type: ClientSettingsModel })
  async setPriority(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Body() body: SetPriorityDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, toClientSettingsModel(await this.service.setPriority(caller, id, body.priority)));
  }
}
