import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { compileFilter } from '../common/filter/filter-compiler';
import { FieldMap } from '../common/filter/filter-fields';
import { applyListQuery, toPage } from '../common/paging/keyset';
import { ListQuery, Page } from '../common/paging/list-query';
import { SiteEntity } from './site.entity';
import { SITE_TYPES } from './site-types';
import { SiteUsage } from './sites.errors';

export const SITE_FIELDS: FieldMap = {
  id: { column: 's.code', type: 'string', sortable: false },
  code: { column: 's.code', type: 'string' },
  name: { column: 's.name', type: 'string' },
  type: { column: 's.type', type: 'enum', values: SITE_TYPES },
  parentCode: { column: 's.parent_code', type: 'string' },
  createdAt: { column: 's.created_at', type: 'datetime' },
  updatedAt: { column: 's.updated_at', type: 'datetime' },
};

const NAMED_IN_PROBLEMS = 5;

@Injectable()
export class SitesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: ListQuery): Promise<Page<SiteEntity>> {
    const qb = this.dataSource.getRepository(SiteEntity).createQueryBuilder('s');
    applyListQuery(qb, query, SITE_FIELDS, 's.code');
    return toPage(await qb.getMany(), query, (row) => row.code);
  }

  count(query?: ListQuery): Promise<number> {
    const qb = this.dataSource.getRepository(SiteEntity).createQueryBuilder('s');
    if (query?.filter) {
      const { sql, params } = compileFilter(query.filter, SITE_FIELDS);
      qb.where(sql, params);
    }
    return qb.getCount();
  }

  find(code: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<SiteEntity | null> {
    return manager.getRepository(SiteEntity).findOne({ where: { code }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  findMany(codes: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<SiteEntity[]> {
    return codes.length ? manager.getRepository(SiteEntity).find({ where: { code: In([...codes]) } }) : Promise.resolve([]);
  }

  findCentral(manager: EntityManager): Promise<SiteEntity | null> {
    return manager.getRepository(SiteEntity).findOne({ where: { type: 'central' } });
  }

  standalonePrimaries(manager: EntityManager): Promise<SiteEntity[]> {
    return manager.getRepository(SiteEntity).createQueryBuilder('s').setLock('pessimistic_write')
      .where(`s.type = 'primary' AND s.parent_code IS NULL`).orderBy('s.code').getMany();
  }

  async childSites(manager: EntityManager, code: string): Promise<SiteUsage> {
    const rows = (await manager.query(
      'SELECT code, count(*) OVER ()::int AS total FROM sites WHERE parent_code = $1 ORDER BY code LIMIT $2',
      [code, NAMED_IN_PROBLEMS],
    )) as { code: string; total: number }[];
    return { kind: 'sites', total: rows[0]?.total ?? 0, names: rows.map((r) => r.code) };
  }

  /** Serialises hierarchy changes: the "one central site" rule reads before it writes. */
  async lockHierarchy(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('rcgate:sites'))`);
  }

  save(manager: EntityManager, site: SiteEntity): Promise<SiteEntity> {
    return manager.getRepository(SiteEntity).save(site);
  }

  create(values: Partial<SiteEntity>): SiteEntity {
    return this.dataSource.getRepository(SiteEntity).create(values);
  }

  async remove(manager: EntityManager, code: string): Promise<void> {
    await manager.getRepository(SiteEntity).delete({ code });
  }
}
