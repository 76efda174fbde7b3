import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { CurrentPrincipal, isFullAdministrator } from '../common/authz/current-principal';
import { hasPermission, Permission } from '../common/authz/roles';
import { applyListQuery, toPage } from '../common/paging/keyset';
import { ListQuery, Page } from '../common/paging/list-query';
import { NotFoundError } from '../common/errors/domain-error';
import { AuditChain } from './audit-chain';
import { AuditEvent } from './audit-event-types';
import { AUDIT_FIELDS } from './audit.fields';
import { AuditRecordEntity } from './audit-record.entity';
import { AuditVerifier, ChainVerdict } from './audit-verifier';

/** "This device id column is one the caller may see", as SQL with named parameters; null: no restriction. */
export type AuditDeviceScope = (caller: CurrentPrincipal, deviceIdSql: string) => { sql: string; params: Record<string, unknown> } | null;

export interface AuditCriteria {
  type?: string;
  actor?: string;
  sessionId?: string;
  deviceId?: string;
  from?: string;
  to?: string;
}

/** The audit trail: append inside the caller's transaction, read, verify. */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly chain: AuditChain,
    private readonly verifier: AuditVerifier,
  ) {}

  private deviceScope: AuditDeviceScope | null = null;

  /**
   * The devices feature tells audit which devices a caller may see (audit
   * imports nothing from it). Until it does, non-administrators read only
   * records that name no device (fail closed).
   */
  restrictToVisibleDevices(scope: AuditDeviceScope): void {
    this.deviceScope = scope;
  }

  /**
   * Appends within `manager`'s transaction, when it commits: if the audit
   * write fails, the commit (and so the decision) fails.
   */
  record(manager: EntityManager, event: AuditEvent): Promise<void> {
    return this.chain.append(manager, event);
  }

  /** Appends in a transaction of its own, for events not tied to another write. */
  recordAlone(event: AuditEvent): Promise<void> {
    return this.dataSource.transaction((manager) => this.chain.append(manager, event));
  }

  verify(): Promise<ChainVerdict> {
    return this.verifier.verify();
  }

  async list(caller: CurrentPrincipal, criteria: AuditCriteria, query: ListQuery): Promise<Page<AuditRecordEntity>> {
    const qb = this.visibleTo(caller, criteria);
    applyListQuery(qb, query, AUDIT_FIELDS, 'a.seq');
    const rows = await qb.getMany();
    return toPage(rows, query, (row) => row.seq);
  }

  async get(caller: CurrentPrincipal, seq: string): Promise<AuditRecordEntity> {
    if (!/^\d{1,18}$/.test(seq)) throw new NotFoundError('Audit record', seq);
    const row = await this.visibleTo(caller, {}).andWhere('a.seq = :seq', { seq }).getOne();
    if (!row) throw new NotFoundError('Audit record', seq);
    return row;
  }

  /** Streams matching records in seq order, in batches, to `write`. */
  async export(caller: CurrentPrincipal, criteria: AuditCriteria, write: (row: AuditRecordEntity) => Promise<void>): Promise<number> {
    let after = '0';
    let count = 0;
    for (;;) {
      const rows = await this.visibleTo(caller, criteria).andWhere('a.seq > :after', { after }).orderBy('a.seq', 'ASC').limit(1000).getMany();
      for (const row of rows) await write(row);
      count += rows.length;
      if (rows.length < 1000) return count;
      after = rows[rows.length - 1].seq;
    }
  }

  private visibleTo(caller: CurrentPrincipal, criteria: AuditCriteria): SelectQueryBuilder<AuditRecordEntity> {
    const qb = this.dataSource.getRepository(AuditRecordEntity).createQueryBuilder('a');
    if (!hasPermission(caller.role, Permission.AuditReadAll)) {
      // Operators read the records of their own actions and their own sessions.
      qb.andWhere(
        `(a.actor = :self OR a.session_id IN (SELECT a2.session_id FROM audit_records a2 WHERE a2.actor = :self AND a2.type = 'sessionRequested'))`,
        { self: caller.name },
      );
    }
    // Scope applies to audit like everywhere else: records about a device out of the caller's scope are not found.
    if (!isFullAdministrator(caller)) {
      const visible = this.deviceScope ? this.deviceScope(caller, 'a.device_id') : { sql: 'false', params: {} };
      if (visible) qb.andWhere(`(a.device_id IS NULL OR ${visible.sql})`, visible.params);
    }
    if (criteria.type) qb.andWhere('a.type = :type', { type: criteria.type });
    if (criteria.actor) qb.andWhere('lower(a.actor) = lower(:actor)', { actor: criteria.actor });
    if (criteria.sessionId) qb.andWhere('a.session_id = :sessionId', { sessionId: criteria.sessionId });
    if (criteria.deviceId) qb.andWhere('a.device_id = :deviceId', { deviceId: criteria.deviceId });
    if (criteria.from) qb.andWhere('a.occurred_at >= :from', { from: criteria.from });
    if (criteria.to) qb.andWhere('a.occurred_at < :to', { to: criteria.to });
    return qb;
  }
}
