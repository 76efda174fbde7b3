import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { Permission } from '../common/authz/roles';
import { ListQueryDto } from '../common/paging/list-query.dto';
import { toListQuery } from '../common/paging/list-query.parser';
import { listEnvelope, selectFields } from '../common/paging/list-response';
import { DevicesService } from '../devices/devices.service';
import { holding } from './collection-conditions';
import { toCollectionModel } from './collections.mapper';
import { COLLECTION_FIELDS } from './collections.repository';
import { CollectionsService } from './collections.service';
import { CollectionList } from './models/collection.model';

@ApiTags('devices')
@Controller('devices/:id/collections')
export class DeviceCollectionsController {
  constructor(private readonly collections: CollectionsService, private readonly devices: DevicesService) {}

  @Get()
  @Authenticated(Permission.InventoryRead)
  @ApiOperation({ operationId: 'listDeviceCollections', summary: 'The collections a device in your scope is a member of.' })
  @ApiOkResponse({ type: CollectionList })
  async list(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Query() dto: ListQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const query = toListQuery(dto, COLLECTION_FIELDS, [{ field: 'name', direction: 'asc' }]);
    const device = await this.devices.get(caller, id);
    const page = await this.collections.list(query, holding(device.id));
    const counts = await this.collections.memberCountsFor(caller, page.items);
    return listEnvelope(req, res, page, (c) => selectFields(toCollectionModel(c, counts.get(c.id)), query.select));
  }
}
