import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { applyListQuery, toPage } from '../common/paging/keyset';
import { ListQuery, Page } from '../common/paging/list-query';
import { FieldMap } from '../common/filter/filter-fields';
import { ROLES } from '../common/authz/roles';
import { PrincipalEntity } from './entities/principal.entity';

export const PRINCIPAL_FIELDS: FieldMap = {
  id: { column: 'p.id', type: 'uuid' },
  name: { column: 'p.name', type: 'string' },
  displayName: { column: 'p.display_name', type: 'string' },
  role: { column: 'p.role', type: 'enum', values: ROLES },
  groups: { column: 'p.groups', type: 'stringArray' },
  createdAt: { column: 'p.created_at', type: 'datetime' },
  updatedAt: { column: 'p.updated_at', type: 'datetime' },
};

@Injectable()
export class PrincipalsRepository {
  constructor(private readonly dataSource: DataSource) {}

  count(): Promise<number> {
    return this.dataSource.getRepository(PrincipalEntity).count();
  }

  findByName(name: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<PrincipalEntity | null> {
    return manager.getRepository(PrincipalEntity).findOne({
      where: { nameKey: name.toLowerCase() },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  findById(id: string): Promise<PrincipalEntity | null> {
    return this.dataSource.getRepository(PrincipalEntity).findOne({ where: { id } });
  }

  async list(query: ListQuery): Promise<Page<PrincipalEntity>> {
    const qb = this.dataSource.getRepository(PrincipalEntity).createQueryBuilder('p');
    applyListQuery(qb, query, PRINCIPAL_FIELDS, 'p.id');
    const rows = await qb.getMany();
    return toPage(rows, query, (row) => row.id);
  }

  countFullAdministrators(manager: EntityManager): Promise<number> {
    return manager.getRepository(PrincipalEntity).count({ where: { role: 'fullAdministrator' } });
  }

  async namesScopedTo(manager: EntityManager, collectionId: string, limit = 5): Promise<{ total: number; names: string[] }> {
    const rows = (await manager.query(
      'SELECT name, count(*) OVER ()::int AS total FROM principals WHERE $1 = ANY(scope_collection_ids) ORDER BY name_key LIMIT $2',
      [collectionId, limit],
    )) as { name: string; total: number }[];
    return { total: rows[0]?.total ?? 0, names: rows.map((r) => r.name) };
  }

  save(manager: EntityManager, principal: PrincipalEntity): Promise<PrincipalEntity> {
    return manager.getRepository(PrincipalEntity).save(principal);
  }

  create(values: Partial<PrincipalEntity>): PrincipalEntity {
    return this.dataSource.getRepository(PrincipalEntity).create(values);
  }

  async remove(manager: EntityManager, principal: PrincipalEntity): Promise<void> {
    await manager.getRepository(PrincipalEntity).delete({ id: principal.id });
  }
}
