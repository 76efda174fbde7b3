import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { changedFields } from '../audit/audit-diff';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal } from '../common/authz/current-principal';
import { NotFoundError, ValidationFailedError } from '../common/errors/domain-error';
import { assertIfMatch, etagOf } from '../common/etag/etag';
import { ListQuery, Page } from '../common/paging/list-query';
import { SitesService } from '../hierarchy/sites.service';
import { DeviceEntity } from './device.entity';
import { DeviceChangeHooks } from './device-change-hooks';
import { DevicePresence } from './device-presence';
import { joinErrors, siteErrors } from './device-rules';
import { DeviceScope, SqlCondition } from './device-scope';
import { deviceSnapshot } from './devices.mapper';
import { DevicesRepository } from './devices.repository';
import { DuplicateDeviceNameError, isUniqueViolation } from './devices.errors';
import { CreateDeviceDto } from './dto/create-device.dto';
import { UpdateDeviceDto } from './dto/update-device.dto';
import { UUID } from '../common/validation/uuid';


/** Devices: create, change, delete, always inside the caller's scope. */
@Injectable()
export class DevicesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly devices: DevicesRepository,
    private readonly sites: SitesService,
    private readonly scope: DeviceScope,
    private readonly hooks: DeviceChangeHooks,
    private readonly presence: DevicePresence,
    private readonly audit: AuditService,
  ) {}

  list(caller: CurrentPrincipal, query: ListQuery, extra?: SqlCondition): Promise<Page<DeviceEntity>> {
    return this.devices.list(query, this.presence.fields, this.scope.conditionFor(caller), extra);
  }

  count(caller: CurrentPrincipal, query?: ListQuery, extra?: SqlCondition): Promise<number> {
    return this.devices.count(query, this.presence.fields, this.scope.conditionFor(caller), extra);
  }

  /** The device if it exists and the caller may see it; otherwise 404, never 403. */
  async get(caller: CurrentPrincipal, id: string, manager?: EntityManager, lock = false): Promise<DeviceEntity> {
    const device = UUID.test(id) ? await this.devices.findVisible(id.toLowerCase(), this.scope.conditionFor(caller), manager, lock) : null;
    if (!device) throw new NotFoundError('Device', id);
    return device;
  }

  /** Like get(), without loading the row: 404 unless the device exists and the caller may see it. */
  async assertVisible(caller: CurrentPrincipal, id: string): Promise<void> {
    if (!UUID.test(id) || !(await this.devices.existsVisible(id.toLowerCase(), this.scope.conditionFor(caller)))) throw new NotFoundError('Device', id);
  }

  findManyVisible(caller: CurrentPrincipal, ids: readonly string[]): Promise<DeviceEntity[]> {
    const valid = ids.filter((id) => UUID.test(id));
    return valid.length ? this.devices.findManyVisible(valid, this.scope.conditionFor(caller)) : Promise.resolve([]);
  }

  create(caller: CurrentPrincipal, input: CreateDeviceDto): Promise<DeviceEntity> {
    return this.dataSource.transaction(async (tx) => {
      await this.hooks.beforeWrite(tx);
      await this.assertValid(tx, { ...input, domain: input.domain ?? null, workgroup: input.workgroup ?? null });
      const device = await this.saveUnique(tx, this.devices.create({ ...input, clientActive: input.clientActive ?? false, localAdministrators: input.localAdministrators ?? [], ipAddresses: input.ipAddresses ?? [] }));
      await this.audit.record(tx, { type: 'deviceChanged', actor: caller.name, deviceId: device.id, details: { action: 'created', ...deviceSnapshot(device) } });
      await this.hooks.written(tx, { kind: 'created', deviceIds: [device.id] });
      return device;
    });
  }

  update(caller: CurrentPrincipal, id: string, input: UpdateDeviceDto, ifMatch?: string): Promise<DeviceEntity> {
    return this.dataSource.transaction(async (tx) => {
      await this.hooks.beforeWrite(tx);
      const device = await this.get(caller, id, tx, true);
      assertIfMatch(ifMatch, etagOf(device.id, device.version));
      const before = deviceSnapshot(device);
      const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<DeviceEntity>;
      // Switching the join type drops the field that no longer applies, unless it is given.
      if (input.joinType === 'workgroup' && input.domain === undefined) patch.domain = null;
      if (input.joinType === 'domain' && input.workgroup === undefined) patch.workgroup = null;
      Object.assign(device, patch);
      await this.assertValid(tx, device, before.siteCode !== device.siteCode);
      const saved = await this.saveUnique(tx, device);
      const diff = changedFields(before, deviceSnapshot(saved));
      await this.audit.record(tx, { type: 'deviceChanged', actor: caller.name, deviceId: saved.id, details: { action: 'updated', name: saved.name, ...diff } });
      await this.hooks.written(tx, { kind: 'updated', deviceIds: [saved.id], changedFields: Object.keys(diff.after) });
      return saved;
    });
  }

  remove(caller: CurrentPrincipal, id: string, ifMatch?: string): Promise<void> {
    return this.dataSource.transaction(async (tx) => {
      await this.hooks.beforeWrite(tx);
      const device = await this.get(caller, id, tx, true);
      assertIfMatch(ifMatch, etagOf(device.id, device.version));
      await this.hooks.deleting(tx, [device.id]);
      await this.devices.remove(tx, device.id);
      await this.audit.record(tx, { type: 'deviceDeleted', actor: caller.name, deviceId: device.id, details: deviceSnapshot(device) });
    });
  }

  private async assertValid(tx: EntityManager, device: Pick<DeviceEntity, 'siteCode' | 'joinType' | 'domain' | 'workgroup'>, siteChanged = true): Promise<void> {
    const errors = joinErrors(device);
    if (siteChanged) {
      const [site] = await this.sites.findMany([device.siteCode], tx);
      errors.push(...siteErrors(device.siteCode, site));
    }
    if (errors.length) throw new ValidationFailedError(`Invalid ${errors.map((e) => e.field).join(', ')}.`, errors);
  }

  private async saveUnique(tx: EntityManager, device: DeviceEntity): Promise<DeviceEntity> {
    if (await this.devices.nameTaken(tx, device.siteCode, device.name, device.id)) throw new DuplicateDeviceNameError(device.name, device.siteCode);
    try {
      return await this.devices.save(tx, device);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_devices_site_name')) throw new DuplicateDeviceNameError(device.name, device.siteCode);
      throw error;
    }
  }
}
