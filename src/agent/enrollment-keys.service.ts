import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { displayPrefix, hashToken } from '../auth/token-secret';
import { Clock } from '../common/clock/clock';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { NotFoundError, ValidationFailedError } from '../common/errors/domain-error';
import { SitesService } from '../hierarchy/sites.service';
import { newEnrollmentKey } from './agent-tokens';
import { CreateEnrollmentKeyDto } from './dto/agent.dto';
import { EnrollmentKeyEntity } from './enrollment-key.entity';

/** Enrolment keys: created by administrators, shown once, counted, expiring, revocable. */
@Injectable()
export class EnrollmentKeysService {
  constructor(private readonly dataSource: DataSource, private readonly sites: SitesService, private readonly audit: AuditService, private readonly clock: Clock) {}

  list(): Promise<EnrollmentKeyEntity[]> {
    return this.dataSource.getRepository(EnrollmentKeyEntity).find({ order: { createdAt: 'DESC' } });
  }

  async create(caller: CurrentPrincipal, input: CreateEnrollmentKeyDto): Promise<{ entity: EnrollmentKeyEntity; key: string }> {
    const site = await this.sites.get(input.siteCode);
    if (site.type === 'central') {
      throw new ValidationFailedError('Devices belong to a primary or secondary site.', [{ field: 'siteCode', code: 'invalidValue', message: 'The central site has no devices.' }]);
    }
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt <= this.clock.now()) {
      throw new ValidationFailedError('expiresAt must be in the future.', [{ field: 'expiresAt', code: 'invalidValue', message: 'Must be in the future.' }]);
    }
    const key = newEnrollmentKey();
    const entity = await this.dataSource.transaction(async (tx) => {
      const saved = await tx.getRepository(EnrollmentKeyEntity).save(tx.getRepository(EnrollmentKeyEntity).create({
        name: input.name, siteCode: site.code, keyHash: hashToken(key), prefix: displayPrefix(key), usesLeft: input.usesLeft ?? null, expiresAt, revokedAt: null, createdBy: caller.name,
      }));
      await this.audit.record(tx, { type: 'enrolmentKeyCreated', actor: caller.name, details: { id: saved.id, name: saved.name, siteCode: saved.siteCode, usesLeft: saved.usesLeft, expiresAt: expiresAt?.toISOString() ?? null, prefix: saved.prefix } });
      return saved;
    });
    return { entity, key };
  }

  async revoke(caller: CurrentPrincipal, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const found = await tx.getRepository(EnrollmentKeyEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw new NotFoundError('Enrolment key', id);
      if (found.revokedAt) return;
      found.revokedAt = this.clock.now();
      await tx.getRepository(EnrollmentKeyEntity).save(found);
      await this.audit.record(tx, { type: 'enrolmentKeyRevoked', actor: caller.name, details: { id, name: found.name } });
    });
  }
}
