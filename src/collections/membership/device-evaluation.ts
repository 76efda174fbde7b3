import { EntityManager } from 'typeorm';
import { FieldMap } from '../../common/filter/filter-fields';
import { CollectionDefinition, MembershipState } from './membership-state';
import { compileRuleFilter } from './rule-filter';

/** Memberships of the given devices: collection id → device ids. */
type Members = Map<string, Set<string>>;

/**
 * Brings the stored membership of some devices in line with the rules of
 * `collections` (in evaluation order, references first) in at most four
 * statements, whatever the number of devices or collections:
 *
 * 1. (changed devices only) their current memberships and direct rules;
 * 2. one pass over the devices' rows that tests every query rule of those
 *    collections at once;
 * 3. (in memory) each collection, in order: (direct ∪ query ∪ include) −
 *    exclude, ∩ limiting members; All Systems is every device. A device's
 *    membership depends only on its own row and its own memberships, so the
 *    other devices need not be read;
 * 4. one statement that deletes and inserts the difference (multi-row, in
 *    (collection, device) order) and moves each collection's member count.
 *
 * Collections outside `collections` keep their stored membership, which
 * feeds those inside. Same result as evaluateCollection on each collection
 * restricted to these devices. Callers hold the membership lock.
 */
export async function evaluateDevices(
  manager: EntityManager,
  state: MembershipState,
  collections: string[],
  fields: FieldMap,
  deviceIds: string[],
  created: boolean,
): Promise<void> {
  if (deviceIds.length === 0 || collections.length === 0) return;
  const ids = [...new Set(deviceIds)];
  const definitions = collections.map((id) => state.definitions.get(id)!);
  // New devices are in no collection and no direct rule names them yet.
  const { current, direct } = created ? { current: new Map() as Members, direct: new Map() as Members } : await readCurrent(manager, ids);
  const { existing, hits } = await testQueryRules(manager, definitions, fields, ids);
  const wanted: Members = new Map();
  const membersOf = (id: string | null): ReadonlySet<string> => (id === null ? EMPTY : (wanted.get(id) ?? current.get(id) ?? EMPTY));
  for (const definition of definitions) wanted.set(definition.id, evaluate(definition, existing, hits, direct, membersOf));
  await writeDifference(manager, collections, current, wanted);
}

const EMPTY: ReadonlySet<string> = new Set<string>();

function evaluate(
  definition: CollectionDefinition,
  existing: string[],
  hits: Map<string, Set<string>>,
  direct: Members,
  membersOf: (id: string | null) => ReadonlySet<string>,
): Set<string> {
  if (definition.builtIn) return new Set(existing);
  const positive = new Set<string>();
  const add = (from: Iterable<string> | undefined) => {
    if (from) for (const id of from) positive.add(id);
  };
  const rules = definition.rules;
  if (rules.some((r) => r.type === 'direct')) add(direct.get(definition.id));
  rules.forEach((rule, index) => {
    if (rule.type === 'query') add(hits.get(`${definition.id}/${index}`));
    else if (rule.type === 'include') add(membersOf(rule.refCollectionId));
  });
  if (positive.size === 0) return positive;
  const excluded = rules.filter((r) => r.type === 'exclude').map((r) => membersOf(r.refCollectionId));
  const limiting = membersOf(definition.limitingCollectionId);
  const out = new Set<string>();
  for (const id of positive) if (limiting.has(id) && !excluded.some((set) => set.has(id))) out.add(id);
  return out;
}

/** The devices' current memberships and the direct rules that name them: one statement. */
async function readCurrent(manager: EntityManager, ids: string[]): Promise<{ current: Members; direct: Members }> {
  const rows = (await manager.query(
    `SELECT 'm' AS kind, collection_id, device_id::text FROM collection_members WHERE device_id = ANY($1::uuid[])
     UNION ALL
     SELECT 'd', collection_id, device_id::text FROM collection_rules WHERE type = 'direct' AND device_id = ANY($1::uuid[])`,
    [ids],
  )) as { kind: 'm' | 'd'; collection_id: string; device_id: string }[];
  const current: Members = new Map();
  const direct: Members = new Map();
  for (const row of rows) {
    const target = row.kind === 'm' ? current : direct;
    let set = target.get(row.collection_id);
    if (!set) target.set(row.collection_id, (set = new Set()));
    set.add(row.device_id);
  }
  return { current, direct };
}

/**
 * Which of the devices exist, and which match each query rule ("collection/rule index"):
 * one scan of their rows, every rule a boolean column of it.
 */
async function testQueryRules(manager: EntityManager, definitions: CollectionDefinition[], fields: FieldMap, ids: string[]): Promise<{ existing: string[]; hits: Map<string, Set<string>> }> {
  const params: Record<string, unknown> = { ids };
  const keys: string[] = [];
  const tests: string[] = [];
  for (const definition of definitions) {
    definition.rules.forEach((rule, index) => {
      if (rule.type !== 'query') return;
      const compiled = compileRuleFilter(rule.filter as string, fields, `q${keys.length}_`);
      Object.assign(params, compiled.params);
      tests.push(`CASE WHEN (${compiled.sql}) THEN ${keys.length} END`);
      keys.push(`${definition.id}/${index}`);
    });
  }
  const matched = tests.length ? `array_remove(ARRAY[${tests.join(', ')}]::int[], NULL)` : `'{}'::int[]`;
  const sql = `SELECT d.id::text AS id, ${matched} AS hits FROM devices d WHERE d.id = ANY(:ids::uuid[])`;
  const [query, values] = manager.connection.driver.escapeQueryWithParameters(sql, params, {});
  const rows = (await manager.query(query, values)) as { id: string; hits: number[] }[];
  const hits = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const k of row.hits) {
      const key = keys[k];
      let set = hits.get(key);
      if (!set) hits.set(key, (set = new Set()));
      set.add(row.id);
    }
  }
  return { existing: rows.map((r) => r.id), hits };
}

/**
 * Deletes what left, inserts what joined, moves the counts: one statement.
 * No row can be there already (the lock is held, `current` was read under
 * it, and rows of new devices cannot exist), so a plain INSERT: ON CONFLICT's
 * speculative insertion cost ~2.5× as much for the 70,000 rows of an import.
 */
async function writeDifference(manager: EntityManager, collections: string[], current: Members, wanted: Members): Promise<void> {
  const added: [string, string][] = [];
  const removed: [string, string][] = [];
  for (const id of collections) {
    const before = current.get(id) ?? EMPTY;
    const after = wanted.get(id) ?? EMPTY;
    for (const device of after) if (!before.has(device)) added.push([id, device]);
    for (const device of before) if (!after.has(device)) removed.push([id, device]);
  }
  if (added.length === 0 && removed.length === 0) return;
  // In index order, so the B-trees fill page by page.
  const byKey = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
  added.sort(byKey);
  await manager.query(
    `WITH removed AS (
       DELETE FROM collection_members m USING unnest($3::text[], $4::uuid[]) AS r(collection_id, device_id)
        WHERE m.collection_id = r.collection_id AND m.device_id = r.device_id
       RETURNING m.collection_id),
     added AS (
       INSERT INTO collection_members (collection_id, device_id)
       SELECT * FROM unnest($1::text[], $2::uuid[])
       RETURNING collection_id),
     delta AS (
       SELECT collection_id, count(*)::int AS n FROM added GROUP BY collection_id
       UNION ALL
       SELECT collection_id, -count(*)::int FROM removed GROUP BY collection_id)
     UPDATE collections c SET member_count = c.member_count + d.n
       FROM (SELECT collection_id, sum(n)::int AS n FROM delta GROUP BY collection_id) d
      WHERE c.id = d.collection_id`,
    [added.map((a) => a[0]), added.map((a) => a[1]), removed.map((r) => r[0]), removed.map((r) => r[1])],
  );
}
