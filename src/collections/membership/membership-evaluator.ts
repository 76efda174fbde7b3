import { EntityManager } from 'typeorm';
import { FieldMap } from '../../common/filter/filter-fields';
import { CollectionDefinition } from './membership-state';
import { compileRuleFilter } from './rule-filter';

export interface EvaluationResult {
  /** Devices that joined or left the collection. */
  changed: string[];
}

/**
 * Brings one collection's stored members in line with its rules in a single
 * statement: (direct ∪ query ∪ include) − exclude, ∩ limiting members; All
 * Systems is every device. With `deviceIds`, only those devices are
 * re-tested (incremental); without, the whole collection (full).
 * References must already be current: callers go in evaluation order.
 * Only missing rows are inserted, in device id order, so indexes fill in order.
 */
export async function evaluateCollection(
  manager: EntityManager,
  definition: CollectionDefinition,
  fields: FieldMap,
  deviceIds?: string[],
  now: Date = new Date(),
): Promise<EvaluationResult> {
  const params: Record<string, unknown> = { cid: definition.id, now };
  if (deviceIds) params.ids = deviceIds;
  const only = (column: string) => (deviceIds ? ` AND ${column} = ANY(:ids::uuid[])` : '');
  const wanted = definition.builtIn ? `SELECT d.id AS id FROM devices d WHERE true${only('d.id')}` : ruleSql(definition, fields, params, only);
  const memberCount = deviceIds
    ? 'member_count + (SELECT count(*) FROM added) - (SELECT count(*) FROM removed)'
    : '(SELECT count(*) FROM wanted)';
  const sql = `
    WITH wanted AS (${wanted}),
    removed AS (
      DELETE FROM collection_members m WHERE m.collection_id = :cid${only('m.device_id')}
         AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.id = m.device_id)
      RETURNING m.device_id),
    added AS (
      INSERT INTO collection_members (collection_id, device_id) SELECT :cid, w.id FROM wanted w
       WHERE NOT EXISTS (SELECT 1 FROM collection_members e WHERE e.collection_id = :cid AND e.device_id = w.id)
      ORDER BY w.id ON CONFLICT DO NOTHING RETURNING device_id),
    counted AS (
      UPDATE collections SET member_count = ${memberCount}${deviceIds ? '' : ', last_evaluated_at = :now'} WHERE id = :cid RETURNING 1)
    SELECT ARRAY(SELECT device_id::text FROM added UNION ALL SELECT device_id::text FROM removed) AS changed, (SELECT count(*) FROM counted)::int AS counted`;
  const [query, values] = manager.connection.driver.escapeQueryWithParameters(sql, params, {});
  const [row] = (await manager.query(query, values)) as EvaluationResult[];
  return { changed: row.changed };
}

function ruleSql(definition: CollectionDefinition, fields: FieldMap, params: Record<string, unknown>, only: (column: string) => string): string {
  const positive: string[] = [];
  const rules = definition.rules;
  if (rules.some((r) => r.type === 'direct')) {
    positive.push(`SELECT r.device_id AS id FROM collection_rules r WHERE r.collection_id = :cid AND r.type = 'direct'${only('r.device_id')}`);
  }
  rules.filter((r) => r.type === 'query').forEach((rule, i) => {
    const compiled = compileRuleFilter(rule.filter as string, fields, `q${i}_`);
    Object.assign(params, compiled.params);
    positive.push(`SELECT d.id AS id FROM devices d WHERE (${compiled.sql})${only('d.id')}`);
  });
  const includes = rules.filter((r) => r.type === 'include').map((r) => r.refCollectionId);
  if (includes.length) {
    params.includes = includes;
    // DISTINCT: a device in two included collections is one member (with no other rule there is no UNION to fold it, and member_count counted it twice).
    positive.push(`SELECT DISTINCT i.device_id AS id FROM collection_members i WHERE i.collection_id = ANY(:includes)${only('i.device_id')}`);
  }
  if (positive.length === 0) return 'SELECT NULL::uuid AS id WHERE false';
  const excludes = rules.filter((r) => r.type === 'exclude').map((r) => r.refCollectionId);
  params.excludes = excludes;
  params.limiting = definition.limitingCollectionId;
  return `SELECT c.id FROM (${positive.join(' UNION ')}) c
     WHERE NOT EXISTS (SELECT 1 FROM collection_members x WHERE x.collection_id = ANY(:excludes) AND x.device_id = c.id)
       AND EXISTS (SELECT 1 FROM collection_members l WHERE l.collection_id = :limiting AND l.device_id = c.id)`;
}
