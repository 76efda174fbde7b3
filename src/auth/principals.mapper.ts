import { etagOf } from '../common/etag/etag';
import { toGlobalId } from '../common/graphql/global-id';
import { ApiTokenEntity } from './entities/api-token.entity';
import { PrincipalEntity } from './entities/principal.entity';
import { ApiTokenModel, PrincipalModel } from './models/principal.model';

export function toPrincipalModel(p: PrincipalEntity): PrincipalModel {
  return {
    id: p.id,
    nodeId: toGlobalId('Principal', p.id),
    name: p.name,
    displayName: p.displayName,
    role: p.role,
    scopeCollectionIds: p.scopeCollectionIds,
    groups: p.groups,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    etag: etagOf(p.id, p.version),
  };
}

export function toApiTokenModel(t: ApiTokenEntity): ApiTokenModel {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    etag: etagOf(t.id, t.revokedAt ? 2 : 1),
  };
}
