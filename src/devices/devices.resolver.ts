import { OnModuleInit } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Authenticated, Principal } from '../common/authz/auth.decorators';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { hasPermission, Permission } from '../common/authz/roles';
import { ConnectionShape } from '../common/graphql/connection';
import { pagedConnection } from '../common/graphql/graph-list-query';
import { toGlobalId } from '../common/graphql/global-id';
import { localIdOf } from '../common/graphql/id-input';
import { NodeRegistry } from '../common/graphql/node-registry';
import { runMutation } from '../common/graphql/user-error';
import { validateInput } from '../common/validation/validate-input';
import { DeviceEntity } from './device.entity';
import { DeviceImportService } from './device-import.service';
import { DevicePresence } from './device-presence';
import { toDeviceObject } from './devices.mapper';
import { DevicesService } from './devices.service';
import { CreateDeviceDto } from './dto/create-device.dto';
import { ImportDevicesInput } from './dto/import-devices.input';
import { DeleteDeviceInput, UpdateDeviceInput } from './dto/update-device.dto';
import { DeleteDevicePayload, DeviceConnection, DeviceObject, DevicePayload, ImportDevicesPayload } from './models/device.object';
import { DevicesArgs, deviceListQuery } from './models/devices.args';

@Resolver(() => DeviceObject)
export class DevicesResolver implements OnModuleInit {
  constructor(
    private readonly service: DevicesService,
    private readonly imports: DeviceImportService,
    private readonly presence: DevicePresence,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    // Out of scope is indistinguishable from missing: null either way.
    this.nodes.register('Device', async (id, caller) => {
      if (!hasPermission(caller.role, Permission.InventoryRead)) return null;
      const [device] = await this.service.findManyVisible(caller, [id]);
      return device ? this.object(device) : null;
    });
  }

  @Query(() => DeviceConnection, { description: 'Devices in your scope.' })
  @Authenticated(Permission.InventoryRead)
  async devices(@Principal() caller: CurrentPrincipal, @Args() args: DevicesArgs): Promise<ConnectionShape<DeviceObject>> {
    const query = deviceListQuery(args, this.presence.fields);
    const page = await this.service.list(caller, query);
    return pagedConnection(page, () => this.service.count(caller, query), query, (d) => this.object(d), (d) => d.id);
  }

  @Query(() => DeviceObject, { nullable: true, description: 'A device by id or global id; null when missing or out of your scope.' })
  @Authenticated(Permission.InventoryRead)
  async device(@Principal() caller: CurrentPrincipal, @Args('id', { type: () => ID }) id: string): Promise<DeviceObject | null> {
    const [device] = await this.service.findManyVisible(caller, [localIdOf(id, 'Device')]);
    return device ? this.object(device) : null;
  }

  @Mutation(() => DevicePayload)
  @Authenticated(Permission.InventoryWrite)
  createDevice(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => CreateDeviceDto }) input: Record<string, unknown>) {
    return runMutation('device', async () => this.object(await this.service.create(caller, validateInput(CreateDeviceDto, input))));
  }

  @Mutation(() => DevicePayload)
  @Authenticated(Permission.InventoryWrite)
  updateDevice(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => UpdateDeviceInput }) input: Record<string, unknown>) {
    return runMutation('device', async () => {
      const { id, ifMatch, ...patch } = validateInput(UpdateDeviceInput, input);
      return this.object(await this.service.update(caller, localIdOf(id, 'Device'), patch, ifMatch));
    });
  }

  @Mutation(() => DeleteDevicePayload)
  @Authenticated(Permission.InventoryWrite)
  deleteDevice(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => DeleteDeviceInput }) input: Record<string, unknown>) {
    return runMutation('deletedDeviceId', async () => {
      const { id, ifMatch } = validateInput(DeleteDeviceInput, input);
      const local = localIdOf(id, 'Device');
      await this.service.remove(caller, local, ifMatch);
      return toGlobalId('Device', local);
    });
  }

  @Mutation(() => ImportDevicesPayload)
  @Authenticated(Permission.InventoryWrite)
  importDevices(@Principal() caller: CurrentPrincipal, @Args('input', { type: () => ImportDevicesInput }) input: Record<string, unknown>) {
    return runMutation('result', async () => {
      const { ids } = await this.imports.import(caller, input.devices);
      const created = await this.service.findManyVisible(caller, ids);
      return { createdCount: ids.length, devices: created.map((d) => this.object(d)) };
    });
  }

  private object(device: DeviceEntity): DeviceObject {
    return toDeviceObject(device, this.presence.isOnline(device.lastSeenAt));
  }
}
