import { EntityManager } from 'typeorm';
import { CollectionGraph, CollectionReference } from '../collection-graph';
import { RuleType } from '../collection-types';

export interface RuleRow {
  id: string;
  type: RuleType;
  deviceId: string | null;
  refCollectionId: string | null;
  filter: string | null;
}

/** What evaluation needs to know of a collection. */
export interface CollectionDefinition {
  id: string;
  name: string;
  builtIn: boolean;
  limitingCollectionId: string | null;
  rules: RuleRow[];
}

export interface MembershipState {
  definitions: Map<string, CollectionDefinition>;
  graph: CollectionGraph;
}

/** Every collection with its rules and the reference graph: two statements. */
export async function loadMembershipState(manager: EntityManager): Promise<MembershipState> {
  const collections = (await manager.query(
    'SELECT id, name, built_in AS "builtIn", limiting_collection_id AS "limitingCollectionId" FROM collections',
  )) as Omit<CollectionDefinition, 'rules'>[];
  const rules = (await manager.query(
    `SELECT id, collection_id AS "collectionId", type, device_id AS "deviceId", ref_collection_id AS "refCollectionId", filter
       FROM collection_rules ORDER BY created_at, id`,
  )) as (RuleRow & { collectionId: string })[];
  const definitions = new Map(collections.map((c) => [c.id, { ...c, rules: [] as RuleRow[] }]));
  const edges: CollectionReference[] = [];
  for (const c of collections) if (c.limitingCollectionId) edges.push({ from: c.id, to: c.limitingCollectionId });
  for (const { collectionId, ...rule } of rules) {
    definitions.get(collectionId)?.rules.push(rule);
    if (rule.refCollectionId) edges.push({ from: collectionId, to: rule.refCollectionId });
  }
  return { definitions, graph: new CollectionGraph(definitions.keys(), edges) };
}
