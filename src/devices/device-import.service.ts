import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal } from '../common/authz/current-principal';
import { FieldError, ValidationFailedError } from '../common/errors/domain-error';
import { checkInput } from '../common/validation/validate-input';
import { SitesService } from '../hierarchy/sites.service';
import { insertDevices } from './device-bulk-insert';
import { DeviceChangeHooks } from './device-change-hooks';
import { ImportLine, parseImportBody } from './device-import.parser';
import { joinErrors, siteErrors } from './device-rules';
import { DevicesRepository } from './devices.repository';
import { CreateDeviceDto } from './dto/create-device.dto';

const MAX_REPORTED_ERRORS = 1000;

export interface ImportedDevices {
  ids: string[];
  devices: CreateDeviceDto[];
}

interface CheckedLine {
  line: number;
  device: CreateDeviceDto;
}

/** Bulk import: every line valid and created in one transaction, or nothing changes. */
@Injectable()
export class DeviceImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly devices: DevicesRepository,
    private readonly sites: SitesService,
    private readonly hooks: DeviceChangeHooks,
    private readonly audit: AuditService,
  ) {}

  async import(caller: CurrentPrincipal, body: unknown): Promise<ImportedDevices> {
    const { lines, errors } = parseImportBody(body);
    const checked = this.checkShapes(lines, errors);
    return this.dataSource.transaction(async (tx) => {
      await this.hooks.beforeWrite(tx);
      await this.checkAgainstDatabase(tx, checked, errors);
      if (errors.length) throw importFailed(errors, lines.length + errors.filter((e) => e.code === 'malformedJson').length);
      const devices = checked.map((c) => c.device);
      const ids = await insertDevices(tx, devices);
      await this.audit.record(tx, { type: 'deviceChanged', actor: caller.name, details: { action: 'imported', count: ids.length, deviceIds: ids } });
      await this.hooks.written(tx, { kind: 'created', deviceIds: ids });
      return { ids, devices };
    });
  }

  private checkShapes(lines: ImportLine[], errors: FieldError[]): CheckedLine[] {
    const checked: CheckedLine[] = [];
    const seen = new Map<string, number>();
    for (const { line, value } of lines) {
      const { value: device, errors: shape } = checkInput(CreateDeviceDto, value);
      const lineErrors = shape.length ? shape : joinErrors(device);
      if (!lineErrors.length) {
        const key = `${device.siteCode}/${device.name.toLowerCase()}`;
        const first = seen.get(key);
        if (first !== undefined) lineErrors.push({ field: 'name', code: 'duplicate', message: `'${device.name}' is also on line ${first} for site ${device.siteCode}.` });
        else seen.set(key, line);
      }
      if (lineErrors.length) errors.push(...lineErrors.map((e) => ({ line, ...e })));
      else checked.push({ line, device });
    }
    return checked;
  }

  private async checkAgainstDatabase(tx: EntityManager, checked: CheckedLine[], errors: FieldError[]): Promise<void> {
    const codes = [...new Set(checked.map((c) => c.device.siteCode))];
    const sites = new Map((await this.sites.findMany(codes, tx)).map((s) => [s.code, s]));
    const taken = await this.devices.existingNames(tx, checked.map((c) => c.device));
    for (const { line, device } of checked) {
      errors.push(...siteErrors(device.siteCode, sites.get(device.siteCode)).map((e) => ({ line, ...e })));
      if (taken.has(`${device.siteCode}/${device.name.toLowerCase()}`)) {
        errors.push({ line, field: 'name', code: 'conflict', message: `A device named '${device.name}' already exists in site '${device.siteCode}'.` });
      }
    }
  }
}

function importFailed(errors: FieldError[], total: number): ValidationFailedError {
  const lines = new Set(errors.map((e) => e.line)).size;
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const error = new ValidationFailedError(`${lines} of ${total} lines are invalid; nothing was imported.`, errors.slice(0, MAX_REPORTED_ERRORS));
  error.extra.invalidLines = lines;
  return error;
}
