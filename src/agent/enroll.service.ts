import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hashToken } from '../auth/token-secret';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { ForbiddenError, UnauthorizedError } from '../common/errors/domain-error';
import { DeviceEntity } from '../devices/device.entity';
import { DevicesService } from '../devices/devices.service';
import { newDeviceToken } from './agent-tokens';
import { DeviceTokenEntity } from './device-token.entity';
import { EnrollDto } from './dto/agent.dto';
import { EnrollmentKeyEntity } from './enrollment-key.entity';

export interface Enrolment {
  deviceId: string;
  deviceToken: string;
  rebound: boolean;
}

/** Enrolment: a valid key creates the device, or rebinds the same name in the same site, and mints its token. */
@Injectable()
export class EnrollService {
  constructor(private readonly dataSource: DataSource, private readonly devices: DevicesService, private readonly audit: AuditService) {}

  async enroll(input: EnrollDto, sourceAddress: string | undefined): Promise<Enrolment> {
    const key = await this.usableKey(this.dataSource.manager, input.enrollmentKey);
    if (input.siteCode && input.siteCode !== key.siteCode) throw new ForbiddenError(`This enrolment key is for site ${key.siteCode}.`, 'wrongSite');
    const actor: CurrentPrincipal = { id: key.id, name: `enrolment-key:${key.prefix}`, role: 'fullAdministrator', groups: [], scopeCollectionIds: [], tokenId: '' };
    const attributes = { joinType: input.joinType, domain: input.domain, workgroup: input.workgroup, osName: input.osName, osVersion: input.osVersion, clientVersion: input.clientVersion, clientActive: true };
    const existing = await this.findDevice(key.siteCode, input.name);
    const device: DeviceEntity = existing
      ? await this.devices.update(actor, existing, attributes)
      : await this.devices.create(actor, { name: input.name.toUpperCase(), siteCode: key.siteCode, ...attributes });
    const deviceToken = newDeviceToken();
    await this.dataSource.transaction(async (tx) => {
      // Counted atomically: two agents racing for the last use cannot both win.
      const used = (await tx.query(
        `UPDATE enrollment_keys SET uses_left = CASE WHEN uses_left IS NULL THEN NULL ELSE uses_left - 1 END
         WHERE id = $1 AND revoked_at IS NULL AND (uses_left IS NULL OR uses_left > 0) AND (expires_at IS NULL OR expires_at > now())`,
        [key.id],
      )) as [unknown, number];
      if (used[1] !== 1) throw new UnauthorizedError('The enrolment key is invalid, used up, expired or revoked.', 'invalidEnrollmentKey');
      await tx.query('UPDATE device_tokens SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL', [device.id]);
      await tx.getRepository(DeviceTokenEntity).insert({ deviceId: device.id, tokenHash: hashToken(deviceToken), revokedAt: null });
      await this.audit.record(tx, {
        type: 'deviceEnrolled',
        actor: actor.name,
        deviceId: device.id,
        details: { name: device.name, siteCode: device.siteCode, rebound: existing !== null, enrollmentKeyId: key.id, sourceAddress: sourceAddress ?? null },
      });
    });
    return { deviceId: device.id, deviceToken, rebound: existing !== null };
  }

  private async usableKey(manager: EntityManager, presented: string): Promise<EnrollmentKeyEntity> {
    const key = await manager.getRepository(EnrollmentKeyEntity).findOne({ where: { keyHash: hashToken(presented) } });
    const usable = key && !key.revokedAt && (key.usesLeft === null || key.usesLeft > 0) && (!key.expiresAt || key.expiresAt > new Date());
    if (!usable) throw new UnauthorizedError('The enrolment key is invalid, used up, expired or revoked.', 'invalidEnrollmentKey');
    return key;
  }

  private async findDevice(siteCode: string, name: string): Promise<string | null> {
    const rows = (await this.dataSource.query('SELECT id FROM devices WHERE site_code = $1 AND lower(name) = lower($2)', [siteCode, name])) as { id: string }[];
    return rows[0]?.id ?? null;
  }
}
