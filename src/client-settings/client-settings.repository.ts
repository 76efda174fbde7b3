import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FieldMap } from '../common/filter/filter-fields';
import { applyListQuery, toPage } from '../common/paging/keyset';
import { ListQuery, Page } from '../common/paging/list-query';
import { ClientSettingsDeploymentEntity } from './client-settings-deployment.entity';
import { ClientSettingsEntity, DEFAULT_CLIENT_SETTINGS_ID } from './client-settings.entity';

export const CLIENT_SETTINGS_FIELDS: FieldMap = {
  id: { column: 'cs.id', type: 'string' },
  name: { column: 'cs.name', type: 'string' },
  description: { column: 'cs.description', type: 'string' },
  priority: { column: 'cs.priority', type: 'number' },
  createdAt: { column: 'cs.created_at', type: 'datetime' },
  updatedAt: { column: 'cs.updated_at', type: 'datetime' },
};

@Injectable()
export class ClientSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<ClientSettingsEntity | null> {
    return manager.getRepository(ClientSettingsEntity).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** All objects in precedence order (1 first, the default last). */
  listAll(): Promise<ClientSettingsEntity[]> {
    return this.dataSource.getRepository(ClientSettingsEntity).find({ order: { priority: 'ASC' } });
  }

  async list(query: ListQuery): Promise<Page<ClientSettingsEntity>> {
    const qb = this.dataSource.getRepository(ClientSettingsEntity).createQueryBuilder('cs');
    applyListQuery(qb, query, CLIENT_SETTINGS_FIELDS, 'cs.id');
    return toPage(await qb.getMany(), query, (row) => row.id);
  }

  async nameTaken(manager: EntityManager, name: string, exceptId?: string): Promise<boolean> {
    const rows = (await manager.query('SELECT id FROM client_settings WHERE lower(name) = lower($1) AND id <> $2 LIMIT 1', [name, exceptId ?? ''])) as unknown[];
    return rows.length > 0;
  }

  async highestCustomPriority(manager: EntityManager): Promise<number> {
    const [row] = (await manager.query('SELECT COALESCE(max(priority), 0)::int AS max FROM client_settings WHERE id <> $1', [DEFAULT_CLIENT_SETTINGS_ID])) as { max: number }[];
    return row.max;
  }

  async priorityTaken(manager: EntityManager, priority: number): Promise<string | null> {
    const rows = (await manager.query('SELECT id FROM client_settings WHERE priority = $1', [priority])) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /** Serialises priority changes, so two moves never interleave. */
  async lockPriorities(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [7_245_002]);
  }

  /** Moves one object and shifts those in between by one, like the console's Increase/Decrease Priority. */
  async movePriority(manager: EntityManager, id: string, from: number, to: number): Promise<void> {
    if (to < from) {
      await manager.query('UPDATE client_settings SET priority = priority + 1, version = version + 1 WHERE priority >= $1 AND priority < $2 AND id <> $3', [to, from, DEFAULT_CLIENT_SETTINGS_ID]);
    } else if (to > from) {
      await manager.query('UPDATE client_settings SET priority = priority - 1, version = version + 1 WHERE priority > $1 AND priority <= $2 AND id <> $3', [from, to, DEFAULT_CLIENT_SETTINGS_ID]);
    }
    await manager.query('UPDATE client_settings SET priority = $2, version = version + 1, updated_at = now() WHERE id = $1', [id, to]);
  }

  save(manager: EntityManager, entity: ClientSettingsEntity): Promise<ClientSettingsEntity> {
    return manager.getRepository(ClientSettingsEntity).save(entity);
  }

  create(values: Partial<ClientSettingsEntity>): ClientSettingsEntity {
    return this.dataSource.getRepository(ClientSettingsEntity).create(values);
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(ClientSettingsDeploymentEntity).delete({ clientSettingsId: id });
    await manager.getRepository(ClientSettingsEntity).delete({ id });
  }

  deploymentsOf(clientSettingsId: string): Promise<ClientSettingsDeploymentEntity[]> {
    return this.dataSource.getRepository(ClientSettingsDeploymentEntity).find({ where: { clientSettingsId }, order: { createdAt: 'ASC' } });
  }

  async deploymentsOfMany(ids: readonly string[]): Promise<ClientSettingsDeploymentEntity[]> {
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(ClientSettingsDeploymentEntity).createQueryBuilder('d').where('d.client_settings_id IN (:...ids)', { ids: [...ids] }).orderBy('d.created_at', 'ASC').getMany();
  }

  async settingsDeployedTo(collectionId: string): Promise<ClientSettingsEntity[]> {
    return this.dataSource
      .getRepository(ClientSettingsEntity)
      .createQueryBuilder('cs')
      .innerJoin(ClientSettingsDeploymentEntity, 'd', 'd.client_settings_id = cs.id')
      .where('d.collection_id = :collectionId', { collectionId })
      .orderBy('cs.priority', 'ASC')
      .getMany();
  }

  /** Inserts the deployment unless present; true when it was new. */
  async deploy(manager: EntityManager, clientSettingsId: string, collectionId: string, actor: string): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO client_settings_deployments (client_settings_id, collection_id, deployed_by) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING client_settings_id`,
      [clientSettingsId, collectionId, actor],
    )) as unknown[];
    return rows.length === 1;
  }

  async undeploy(manager: EntityManager, clientSettingsId: string, collectionId: string): Promise<boolean> {
    const [, affected] = (await manager.query('DELETE FROM client_settings_deployments WHERE client_settings_id = $1 AND collection_id = $2', [clientSettingsId, collectionId])) as [unknown, number];
    return affected > 0;
  }
}
