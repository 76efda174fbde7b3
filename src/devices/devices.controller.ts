import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { Permission } from '../common/authz/roles';
import { ListQueryDto } from '../common/paging/list-query.dto';
import { toListQuery } from '../common/paging/list-query.parser';
import { listEnvelope, selectFields } from '../common/paging/list-response';
import { DevicePresence } from './device-presence';
import { toDeviceModel } from './devices.mapper';
import { DevicesService } from './devices.service';
import { CreateDeviceDto } from './dto/create-device.dto';
import { UpdateDeviceDto } from './dto/update-device.dto';
import { DeviceList, DeviceModel } from './models/device.model';

@ApiTags('devices')
@Controller('devices')
export class DevicesController {
  constructor(private readonly devices: DevicesService, private readonly presence: DevicePresence) {}

  @Get()
  @Authenticated(Permission.InventoryRead)
  @ApiOperation({ operationId: 'listDevices', summary: 'List the devices in your scope.' })
  @ApiOkResponse({ type: DeviceList })
  async list(@Principal() caller: CurrentPrincipal, @Query() dto: ListQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const query = toListQuery(dto, this.presence.fields, [{ field: 'name', direction: 'asc' }]);
    const page = await this.devices.list(caller, query);
    return listEnvelope(req, res, page, (d) => selectFields(this.model(d), query.select));
  }

  @Post()
  @Authenticated(Permission.InventoryWrite)
  @ApiOperation({ operationId: 'createDevice', summary: 'Create a device.' })
  @ApiCreatedResponse({ type: DeviceModel })
  async create(@Principal() caller: CurrentPrincipal, @Body() body: CreateDeviceDto, @Res({ passthrough: true }) res: Response): Promise<DeviceModel> {
    const model = this.model(await this.devices.create(caller, body));
    res.setHeader('Location', `/api/v1/devices/${model.id}`);
    res.setHeader('ETag', model.etag);
    return model;
  }

  @Get(':id')
  @Authenticated(Permission.InventoryRead)
  @ApiOperation({ operationId: 'getDevice', summary: 'Get a device in your scope.' })
  @ApiOkResponse({ type: DeviceModel })
  async get(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<DeviceModel> {
    const model = this.model(await this.devices.get(caller, id));
    res.setHeader('ETag', model.etag);
    return model;
  }

  @Patch(':id')
  @Authenticated(Permission.InventoryWrite)
  @ApiOperation({ operationId: 'updateDevice', summary: 'Change a device.' })
  @ApiOkResponse({ type: DeviceModel })
  async update(
    @Principal() caller: CurrentPrincipal,
    @Param('id') id: string,
    @Body() body: UpdateDeviceDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DeviceModel> {
    const model = this.model(await this.devices.update(caller, id, body, ifMatch));
    res.setHeader('ETag', model.etag);
    return model;
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated(Permission.InventoryWrite)
  @ApiOperation({ operationId: 'deleteDevice', summary: 'Delete a device.' })
  @ApiNoContentResponse()
  async remove(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.devices.remove(caller, id, ifMatch);
  }

  private model(device: Parameters<typeof toDeviceModel>[0]): DeviceModel {
    return toDeviceModel(device, this.presence.isOnline(device.lastSeenAt));
  }
}
