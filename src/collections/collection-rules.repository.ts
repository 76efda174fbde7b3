import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { CollectionRuleEntity } from './collection-rule.entity';

@Injectable()
export class CollectionRulesRepository {
  constructor(private readonly dataSource: DataSource) {}

  listFor(collectionId: string): Promise<CollectionRuleEntity[]> {
    return this.dataSource.getRepository(CollectionRuleEntity).find({ where: { collectionId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  listForMany(collectionIds: readonly string[]): Promise<CollectionRuleEntity[]> {
    return this.dataSource.getRepository(CollectionRuleEntity).find({ where: { collectionId: In([...collectionIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  find(manager: EntityManager, collectionId: string, id: string): Promise<CollectionRuleEntity | null> {
    return manager.getRepository(CollectionRuleEntity).findOne({ where: { collectionId, id } });
  }

  findDirect(manager: EntityManager, collectionId: string, deviceId: string): Promise<CollectionRuleEntity | null> {
    return manager.getRepository(CollectionRuleEntity).findOne({ where: { collectionId, type: 'direct', deviceId } });
  }

  findReference(manager: EntityManager, collectionId: string, type: 'include' | 'exclude', refCollectionId: string): Promise<CollectionRuleEntity | null> {
    return manager.getRepository(CollectionRuleEntity).findOne({ where: { collectionId, type, refCollectionId } });
  }

  insert(manager: EntityManager, rule: Partial<CollectionRuleEntity>): Promise<CollectionRuleEntity> {
    const repository = manager.getRepository(CollectionRuleEntity);
    return repository.save(repository.create(rule));
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(CollectionRuleEntity).delete({ id });
  }
}
