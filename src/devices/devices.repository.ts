import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { compileFilter } from '../common/filter/filter-compiler';
import { FieldMap } from '../common/filter/filter-fields';
import { applyListQuery, toPage } from '../common/paging/keyset';
import { ListQuery, Page } from '../common/paging/list-query';
import { CountedPage, partitionedPages } from '../common/paging/partitioned-pages';
import { SiteUsage } from '../hierarchy/sites.errors';
import { DeviceEntity } from './device.entity';
import { SqlCondition } from './device-scope';

const NAMED_IN_PROBLEMS = 5;

/** SQL for devices; every read takes the caller's scope condition (null: unrestricted). */
@Injectable()
export class DevicesRepository {
  constructor(private readonly dataSource: DataSource) {}

  scoped(scope: SqlCondition | null, manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<DeviceEntity> {
    const qb = manager.getRepository(DeviceEntity).createQueryBuilder('d');
    if (scope) qb.andWhere(scope.sql, scope.params);
    return qb;
  }

  async list(query: ListQuery, fields: FieldMap, scope: SqlCondition | null, extra?: SqlCondition): Promise<Page<DeviceEntity>> {
    const qb = this.scoped(scope);
    if (extra) qb.andWhere(extra.sql, extra.params);
    applyListQuery(qb, query, fields, 'd.id');
    return toPage(await qb.getMany(), query, (d) => d.id);
  }

  count(query: ListQuery | undefined, fields: FieldMap, scope: SqlCondition | null, extra?: SqlCondition): Promise<number> {
    const qb = this.scoped(scope);
    if (extra) qb.andWhere(extra.sql, extra.params);
    if (query?.filter) {
      const { sql, params } = compileFilter(query.filter, fields, 'cf');
      qb.andWhere(sql, params);
    }
    return qb.getCount();
  }

  /** Pages of devices for many parents at once (Site.devices, Collection.members). */
  pagesBy(base: () => SelectQueryBuilder<DeviceEntity>, parentSql: string, query: ListQuery, fields: FieldMap): Promise<Map<string, CountedPage<DeviceEntity>>> {
    return partitionedPages(base, parentSql, query, fields, 'd.id', (d) => d.id);
  }

  findVisible(id: string, scope: SqlCondition | null, manager?: EntityManager, lock = false): Promise<DeviceEntity | null> {
    const qb = this.scoped(scope, manager).andWhere('d.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async existsVisible(id: string, scope: SqlCondition | null): Promise<boolean> {
    const row = await this.scoped(scope).select('1', 'found').andWhere('d.id = :id', { id }).limit(1).getRawOne<{ found: number }>();
    return row !== undefined;
  }

  findManyVisible(ids: readonly string[], scope: SqlCondition | null): Promise<DeviceEntity[]> {
    return this.scoped(scope).andWhere('d.id = ANY(:ids)', { ids: [...ids] }).getMany();
  }

  /** Another device of the site with this name, ignoring case. */
  async nameTaken(manager: EntityManager, siteCode: string, name: string, exceptId?: string): Promise<boolean> {
    const rows = (await manager.query(
      'SELECT 1 FROM devices WHERE site_code = $1 AND lower(name) = lower($2) AND ($3::uuid IS NULL OR id <> $3) LIMIT 1',
      [siteCode, name, exceptId ?? null],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Which of these (site, lower-cased name) pairs already exist. */
  async existingNames(manager: EntityManager, pairs: { siteCode: string; name: string }[]): Promise<Set<string>> {
    const rows = (await manager.query(
      `SELECT d.site_code || '/' || lower(d.name) AS key FROM devices d
        JOIN unnest($1::text[], $2::text[]) AS wanted(site_code, name) ON d.site_code = wanted.site_code AND lower(d.name) = wanted.name`,
      [pairs.map((p) => p.siteCode), pairs.map((p) => p.name.toLowerCase())],
    )) as { key: string }[];
    return new Set(rows.map((r) => r.key));
  }

  save(manager: EntityManager, device: DeviceEntity): Promise<DeviceEntity> {
    return manager.getRepository(DeviceEntity).save(device);
  }

  create(values: Partial<DeviceEntity>): DeviceEntity {
    return this.dataSource.getRepository(DeviceEntity).create(values);
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(DeviceEntity).delete({ id });
  }

  async devicesOfSite(manager: EntityManager, siteCode: string): Promise<SiteUsage> {
    const rows = (await manager.query(
      'SELECT name, count(*) OVER ()::int AS total FROM devices WHERE site_code = $1 ORDER BY name LIMIT $2',
      [siteCode, NAMED_IN_PROBLEMS],
    )) as { name: string; total: number }[];
    return { kind: 'devices', total: rows[0]?.total ?? 0, names: rows.map((r) => r.name) };
  }
}
