import { Body, Controller, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { Permission } from '../common/authz/roles';
import { DeviceImportService } from './device-import.service';
import { CreateDeviceDto } from './dto/create-device.dto';
import { DeviceImportResult } from './models/device.model';

@ApiTags('devices')
@Controller('devices')
export class DeviceImportController {
  constructor(private readonly imports: DeviceImportService) {}

  @Post('import')
  @Authenticated(Permission.InventoryWrite)
  @ApiOperation({
    operationId: 'importDevices',
    summary: 'Create up to 10,000 devices at once, all or nothing.',
    description: 'A JSON array of devices, or NDJSON (one device per line). If any line is invalid nothing is created, and the 400 problem lists `{line, field, code, message}` for each fault.',
  })
  @ApiConsumes('application/json', 'application/x-ndjson')
  @ApiBody({ type: [CreateDeviceDto] })
  @ApiCreatedResponse({ type: DeviceImportResult })
  async import(@Principal() caller: CurrentPrincipal, @Body() body: unknown): Promise<DeviceImportResult> {
    const { ids, devices } = await this.imports.import(caller, body);
    return { created: ids.length, value: ids.map((id, i) => ({ id, name: devices[i].name, siteCode: devices[i].siteCode })) };
  }
}
