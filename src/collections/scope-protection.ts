import { EntityManager } from 'typeorm';
import { CurrentPrincipal, isFullAdministrator } from '../common/authz/current-principal';
import { ForbiddenError } from '../common/errors/domain-error';

/**
 * Scope collections are security boundaries: reshaping one (or any collection
 * it includes, excludes or is limited by) changes what its principals may
 * control. Only a full administrator may do that; otherwise a scoped
 * administrator could widen its own scope by editing a rule.
 */
export async function assertMayReshape(manager: EntityManager, caller: CurrentPrincipal, collectionId: string): Promise<void> {
  if (isFullAdministrator(caller)) return;
  const rows = (await manager.query(
    `WITH RECURSIVE scoped(id) AS (
       SELECT DISTINCT unnest(scope_collection_ids) FROM principals WHERE role <> 'fullAdministrator'
       UNION
       SELECT edge.ref FROM scoped s JOIN (
         SELECT collection_id AS id, ref_collection_id AS ref FROM collection_rules WHERE ref_collection_id IS NOT NULL
         UNION ALL
         SELECT id, limiting_collection_id FROM collections WHERE limiting_collection_id IS NOT NULL
       ) AS edge ON edge.id = s.id
     )
     SELECT 1 FROM scoped WHERE id = $1 LIMIT 1`,
    [collectionId],
  )) as unknown[];
  if (rows.length > 0) {
    throw new ForbiddenError('This collection bounds a principal’s scope; only a full administrator may change its rules or limiting collection.', 'scopeCollectionProtected');
  }
}
