import { etagOf } from '../common/etag/etag';
import { toGlobalId } from '../common/graphql/global-id';
import { CollectionRuleEntity } from './collection-rule.entity';
import { CollectionEntity } from './collection.entity';
import { CollectionModel, CollectionRuleModel } from './models/collection.model';
import { CollectionObject, CollectionRuleObject } from './models/collection.object';
import { CollectionRuleTypeEnum } from './models/rule-type.enum';

/** `memberCount`: what the caller may see (the stored count for unscoped callers). */
export function toCollectionModel(c: CollectionEntity, memberCount = c.memberCount): CollectionModel {
  return {
    id: c.id,
    nodeId: toGlobalId('Collection', c.id),
    name: c.name,
    description: c.description,
    limitingCollectionId: c.limitingCollectionId,
    builtIn: c.builtIn,
    memberCount,
    lastEvaluatedAt: c.lastEvaluatedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    etag: etagOf(c.id, c.version),
  };
}

export function toCollectionObject(c: CollectionEntity): CollectionObject {
  return {
    __typename: 'Collection',
    id: toGlobalId('Collection', c.id),
    collectionId: c.id,
    name: c.name,
    description: c.description,
    limitingCollectionId: c.limitingCollectionId,
    builtIn: c.builtIn,
    storedMemberCount: c.memberCount,
    lastEvaluatedAt: c.lastEvaluatedAt,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    etag: etagOf(c.id, c.version),
  };
}

export function toRuleModel(r: CollectionRuleEntity): CollectionRuleModel {
  return {
    id: r.id,
    type: r.type,
    deviceId: r.deviceId,
    name: r.name,
    filter: r.filter,
    collectionId: r.refCollectionId,
    createdAt: r.createdAt.toISOString(),
    etag: etagOf(r.id, 1),
  };
}

export function toRuleObject(r: CollectionRuleEntity): CollectionRuleObject {
  return { id: r.id, type: r.type as CollectionRuleTypeEnum, deviceId: r.deviceId, name: r.name, filter: r.filter, collectionId: r.refCollectionId, createdAt: r.createdAt };
}

/** What an audit record keeps of a collection's definition. */
export function collectionSnapshot(c: CollectionEntity): Record<string, unknown> {
  return { name: c.name, description: c.description, limitingCollectionId: c.limitingCollectionId };
}

export function ruleSnapshot(r: CollectionRuleEntity): Record<string, unknown> {
  return { id: r.id, type: r.type, deviceId: r.deviceId, name: r.name, filter: r.filter, collectionId: r.refCollectionId };
}
