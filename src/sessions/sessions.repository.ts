import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SqlCondition } from '../devices/device-scope';
import { applyListQuery, toPage } from '../common/paging/keyset';
import { ListQuery, Page } from '../common/paging/list-query';
import { SessionEntity } from './session.entity';
import { SESSION_FIELDS } from './sessions.fields';

/** How long past its join deadline a session both sides joined may stay `ready` while the relay records its start. */
export const PAIRED_START_GRACE_SECONDS = 60;

export interface SessionCriteria {
  deviceId?: string;
  viewer?: string;
  state?: string;
  type?: string;
  from?: string;
  to?: string;
}

@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Scope is a condition on the device id (`s.device_id`); null means unrestricted. */
  async list(scope: SqlCondition | null, criteria: SessionCriteria, query: ListQuery): Promise<Page<SessionEntity>> {
    const qb = this.dataSource.getRepository(SessionEntity).createQueryBuilder('s');
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (criteria.deviceId) qb.andWhere('s.device_id = :deviceId', { deviceId: criteria.deviceId });
    if (criteria.viewer) qb.andWhere('lower(s.viewer) = lower(:viewer)', { viewer: criteria.viewer });
    if (criteria.state) qb.andWhere('s.state = :state', { state: criteria.state });
    if (criteria.type) qb.andWhere('s.type = :type', { type: criteria.type });
    if (criteria.from) qb.andWhere('s.created_at >= :from', { from: criteria.from });
    if (criteria.to) qb.andWhere('s.created_at < :to', { to: criteria.to });
    applyListQuery(qb, query, SESSION_FIELDS, 's.id');
    return toPage(await qb.getMany(), query, (s) => s.id);
  }

  async findVisible(id: string, scope: SqlCondition | null, manager: EntityManager = this.dataSource.manager, lock = false): Promise<SessionEntity | null> {
    const qb = manager.getRepository(SessionEntity).createQueryBuilder('s').where('s.id = :id', { id });
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async hasOpenFullControl(manager: EntityManager, deviceId: string): Promise<boolean> {
    const rows = (await manager.query(`SELECT 1 FROM sessions WHERE device_id = $1 AND access_level = 'fullControl' AND state <> 'ended' LIMIT 1`, [deviceId])) as unknown[];
    return rows.length > 0;
  }

  /** One INSERT … RETURNING (save() would first SELECT a row whose id is given). */
  async insert(manager: EntityManager, values: Partial<SessionEntity>): Promise<SessionEntity> {
    const repo = manager.getRepository(SessionEntity);
    const session = repo.create(values);
    await repo.insert(session);
    return session;
  }

  /** Sessions the reaper must end, by reason. */
  async overdue(limit = 200): Promise<{ id: string; reason: 'consentTimeout' | 'ticketExpired' | 'maxDurationReached' }[]> {
    return (await this.dataSource.query(
      `SELECT id, CASE
         WHEN state = 'awaitingConsent' AND consent_deadline < now() THEN 'consentTimeout'
         WHEN max_end_at < now() THEN 'maxDurationReached'
         ELSE 'ticketExpired' END AS reason
       FROM sessions
       WHERE state <> 'ended' AND (
         (state = 'awaitingConsent' AND consent_deadline < now())
         OR (state = 'ready' AND join_deadline < now() AND (
             -- Both tickets used: the relay has most likely paired the two sides and is recording the start in the
             -- background, which under load can land after the deadline; give that write a grace period.
             (SELECT count(DISTINCT t.role) FROM session_tickets t WHERE t.session_id = sessions.id AND t.consumed_at IS NOT NULL) < 2
             OR join_deadline < now() - make_interval(secs => $2)))
         OR max_end_at < now())
       LIMIT $1`,
      [limit, PAIRED_START_GRACE_SECONDS],
    )) as { id: string; reason: 'consentTimeout' | 'ticketExpired' | 'maxDurationReached' }[];
  }

  async openSessionIdsOfDevices(manager: EntityManager, deviceIds: string[]): Promise<string[]> {
    const rows = (await manager.query(`SELECT id FROM sessions WHERE device_id = ANY($1::uuid[]) AND state <> 'ended'`, [deviceIds])) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
