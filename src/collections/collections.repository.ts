import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { compileFilter } from '../common/filter/filter-compiler';
import { FieldMap } from '../common/filter/filter-fields';
import { applyListQuery, toPage } from '../common/paging/keyset';
import { ListQuery, Page } from '../common/paging/list-query';
import { SqlCondition } from '../devices/device-scope';
import { CollectionMemberEntity } from './collection-member.entity';
import { CollectionEntity } from './collection.entity';
import { CollectionUsage } from './collections.errors';

export const COLLECTION_FIELDS: FieldMap = {
  id: { column: 'c.id', type: 'string' },
  name: { column: 'c.name', type: 'string' },
  description: { column: 'c.description', type: 'string' },
  limitingCollectionId: { column: 'c.limiting_collection_id', type: 'string' },
  builtIn: { column: 'c.built_in', type: 'boolean' },
  memberCount: { column: 'c.member_count', type: 'number' },
  lastEvaluatedAt: { column: 'c.last_evaluated_at', type: 'datetime' },
  createdAt: { column: 'c.created_at', type: 'datetime' },
  updatedAt: { column: 'c.updated_at', type: 'datetime' },
};

const NAMED_IN_PROBLEMS = 5;

@Injectable()
export class CollectionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  query(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(CollectionEntity).createQueryBuilder('c');
  }

  async list(query: ListQuery, extra?: SqlCondition): Promise<Page<CollectionEntity>> {
    const qb = this.query();
    if (extra) qb.andWhere(extra.sql, extra.params);
    applyListQuery(qb, query, COLLECTION_FIELDS, 'c.id');
    return toPage(await qb.getMany(), query, (c) => c.id);
  }

  count(query?: ListQuery, extra?: SqlCondition): Promise<number> {
    const qb = this.query();
    if (extra) qb.andWhere(extra.sql, extra.params);
    if (query?.filter) {
      const { sql, params } = compileFilter(query.filter, COLLECTION_FIELDS, 'cf');
      qb.andWhere(sql, params);
    }
    return qb.getCount();
  }

  find(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<CollectionEntity | null> {
    return manager.getRepository(CollectionEntity).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  findMany(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<CollectionEntity[]> {
    return ids.length ? manager.getRepository(CollectionEntity).find({ where: { id: In([...ids]) } }) : Promise.resolve([]);
  }

  async nameTaken(manager: EntityManager, name: string, exceptId?: string): Promise<boolean> {
    const rows = (await manager.query('SELECT 1 FROM collections WHERE lower(name) = lower($1) AND id <> $2 LIMIT 1', [name, exceptId ?? ''])) as unknown[];
    return rows.length > 0;
  }

  save(manager: EntityManager, collection: CollectionEntity): Promise<CollectionEntity> {
    return manager.getRepository(CollectionEntity).save(collection);
  }

  create(values: Partial<CollectionEntity>): CollectionEntity {
    return this.dataSource.getRepository(CollectionEntity).create(values);
  }

  /** A rule change is a change of the collection: new version, new ETag. */
  async touch(manager: EntityManager, id: string): Promise<void> {
    await manager.query('UPDATE collections SET version = version + 1, updated_at = now() WHERE id = $1', [id]);
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(CollectionEntity).delete({ id });
  }

  /** Collections that include, exclude or are limited by `id`. */
  async referencing(manager: EntityManager, id: string): Promise<CollectionUsage> {
    const rows = (await manager.query(
      `SELECT c.name, count(*) OVER ()::int AS total FROM collections c
        WHERE c.limiting_collection_id = $1 OR c.id IN (SELECT collection_id FROM collection_rules WHERE ref_collection_id = $1)
        ORDER BY c.name LIMIT $2`,
      [id, NAMED_IN_PROBLEMS],
    )) as { name: string; total: number }[];
    return { kind: 'collections', total: rows[0]?.total ?? 0, names: rows.map((r) => r.name) };
  }

  /** Members a scoped caller may see, per collection. */
  async visibleCounts(ids: readonly string[], scope: SqlCondition): Promise<Map<string, number>> {
    const rows = await this.dataSource.getRepository(CollectionMemberEntity).createQueryBuilder('cm')
      .select('cm.collection_id', 'id').addSelect('count(*)::int', 'count')
      .where('cm.collection_id = ANY(:countIds)', { countIds: [...ids] }).andWhere(scope.sql, scope.params)
      .groupBy('cm.collection_id').getRawMany<{ id: string; count: number }>();
    return new Map(rows.map((r) => [r.id, Number(r.count)]));
  }

  /** Which of `ids` name no collection. */
  async unknownIds(manager: EntityManager, ids: string[]): Promise<string[]> {
    const rows = (await manager.query('SELECT id FROM collections WHERE id = ANY($1)', [ids])) as { id: string }[];
    const known = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !known.has(id));
  }
}
