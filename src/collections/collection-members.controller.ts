import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { Permission } from '../common/authz/roles';
import { ListQueryDto } from '../common/paging/list-query.dto';
import { toListQuery } from '../common/paging/list-query.parser';
import { listEnvelope, selectFields } from '../common/paging/list-response';
import { DevicePresence } from '../devices/device-presence';
import { toDeviceModel } from '../devices/devices.mapper';
import { DevicesService } from '../devices/devices.service';
import { DeviceList } from '../devices/models/device.model';
import { membersOf } from './collection-conditions';
import { CollectionsService } from './collections.service';

@ApiTags('collections')
@Controller('collections/:id/members')
export class CollectionMembersController {
  constructor(private readonly collections: CollectionsService, private readonly devices: DevicesService, private readonly presence: DevicePresence) {}

  @Get()
  @Authenticated(Permission.InventoryRead)
  @ApiOperation({ operationId: 'listCollectionMembers', summary: 'The member devices of a collection that are in your scope; filters as GET /devices.' })
  @ApiOkResponse({ type: DeviceList })
  async list(@Principal() caller: CurrentPrincipal, @Param('id') id: string, @Query() dto: ListQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const query = toListQuery(dto, this.presence.fields, [{ field: 'name', direction: 'asc' }]);
    await this.collections.require(id);
    const page = await this.devices.list(caller, query, membersOf(id));
    return listEnvelope(req, res, page, (d) => selectFields(toDeviceModel(d, this.presence.isOnline(d.lastSeenAt)), query.select));
  }
}
