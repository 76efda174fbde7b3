import { buildSchema, parse, validate } from 'graphql';
import { aliasLimit } from './alias-limit.rule';

const schema = buildSchema('type Query { device(id: ID!): Device, devices: [Device] } type Device { id: ID!, name: String }');
const codes = (query: string, max = 3) => validate(schema, parse(query), [aliasLimit(max)]).map((e) => e.extensions.code);
const aliased = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: device(id: "${i}") { id }`).join(' ');

describe('aliasLimit', () => {
  it('accepts up to the limit and refuses one more with tooManyAliases', () => {
    expect(codes(`{ ${aliased(3)} }`)).toEqual([]);
    expect(codes(`{ ${aliased(4)} }`)).toEqual(['tooManyAliases']);
  });

  it('counts nested aliases and every spread of a fragment', () => {
    expect(codes('{ devices { n1: name n2: name } d: device(id: "1") { n3: name } }')).toEqual(['tooManyAliases']);
    const fragment = 'fragment F on Query { x: devices { id } y: devices { id } }';
    expect(codes(`{ ...F } ${fragment}`)).toEqual([]);
    expect(codes(`{ ...F ... on Query { ...F } } ${fragment}`)).toEqual(['tooManyAliases']);
  });

  it('does not count plain fields, and stays cheap on fragment bombs', () => {
    expect(codes('{ devices { id name } device(id: "1") { id } }')).toEqual([]);
    const levels = Array.from({ length: 20 }, (_, i) => `fragment L${i} on Device { ${i === 19 ? 'a: id b: id' : `...L${i + 1} ...L${i + 1}`} }`).join(' ');
    const started = Date.now();
    expect(codes(`{ devices { ...L0 } } ${levels}`, 30)).toEqual(['tooManyAliases']);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
