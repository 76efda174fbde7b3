import { compileFilter } from '../../common/filter/filter-compiler';
import { parseFilter } from '../../common/filter/filter-parser';
import { toFilterNode } from '../../common/graphql/filter-input';
import { deviceFields } from '../device-fields';

const fields = deviceFields(90);
const sqlOf = (node: ReturnType<typeof toFilterNode>) => compileFilter(node!, fields);

describe('GraphQL device filters', () => {
  it('translate to the same SQL as the REST filter grammar', () => {
    const graph = toFilterNode({ name: { startsWith: 'PC-' }, joinType: { eq: 'workgroup' }, not: { currentUser: { isNull: true } } });
    const rest = parseFilter("startswith(name,'PC-') and joinType eq 'workgroup' and not (currentUser eq null)");
    expect(sqlOf(graph)).toEqual(compileFilter(rest, fields));
  });

  it('or-s alternatives and and-s operators of one field', () => {
    const graph = toFilterNode({ or: [{ siteCode: { eq: 'PS1' } }, { lastSeenAt: { ge: new Date('2026-01-01T00:00:00Z'), lt: new Date('2026-02-01T00:00:00Z') } }] });
    const rest = parseFilter("siteCode eq 'PS1' or (lastSeenAt ge 2026-01-01T00:00:00.000Z and lastSeenAt lt 2026-02-01T00:00:00.000Z)");
    expect(sqlOf(graph)).toEqual(compileFilter(rest, fields));
  });

  it('reads list operators and online as the REST grammar does', () => {
    const graph = toFilterNode({ ipAddresses: { has: '10.0.0.1' }, localAdministrators: { isEmpty: true }, online: { eq: true } });
    const rest = parseFilter("ipAddresses eq '10.0.0.1' and localAdministrators eq null and online eq true");
    expect(sqlOf(graph)).toEqual(compileFilter(rest, fields));
  });

  it('treats an empty filter as none, and refuses nesting deeper than 32', () => {
    expect(toFilterNode({})).toBeUndefined();
    let deep: Record<string, unknown> = { name: { eq: 'x' } };
    for (let i = 0; i < 33; i++) deep = { not: deep };
    expect(() => toFilterNode(deep)).toThrow(/deeper than 32/);
  });
});
