import { etagOf } from '../common/etag/etag';
import { toGlobalId } from '../common/graphql/global-id';
import { SiteEntity } from './site.entity';
import { SiteModel } from './models/site.model';
import { SiteObject } from './models/site.object';
import { SiteTypeEnum } from './models/site-type.enum';

export function toSiteModel(s: SiteEntity): SiteModel {
  return {
    id: s.code,
    nodeId: toGlobalId('Site', s.code),
    code: s.code,
    name: s.name,
    type: s.type,
    parentCode: s.parentCode,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    etag: etagOf(s.code, s.version),
  };
}

export function toSiteObject(s: SiteEntity): SiteObject {
  return {
    __typename: 'Site',
    id: toGlobalId('Site', s.code),
    code: s.code,
    name: s.name,
    type: s.type as SiteTypeEnum,
    parentCode: s.parentCode,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    etag: etagOf(s.code, s.version),
  };
}

/** What an audit record keeps of a site. */
export function siteSnapshot(s: SiteEntity): Record<string, unknown> {
  return { code: s.code, name: s.name, type: s.type, parentCode: s.parentCode };
}
