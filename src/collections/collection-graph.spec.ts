import { CollectionGraph } from './collection-graph';

describe('CollectionGraph', () => {
  const graph = new CollectionGraph(['all', 'a', 'b', 'c', 'd'], [
    { from: 'a', to: 'all' },
    { from: 'b', to: 'a' },
    { from: 'c', to: 'b' },
    { from: 'd', to: 'all' },
  ]);

  it('names the loop a new reference would close', () => {
    expect(graph.cycleIfAdded('a', 'c')).toEqual(['a', 'c', 'b', 'a']);
    expect(graph.cycleIfAdded('a', 'a')).toEqual(['a', 'a']);
  });

  it('allows references that close no loop', () => {
    expect(graph.cycleIfAdded('c', 'd')).toBeNull();
    expect(graph.cycleIfAdded('d', 'c')).toBeNull();
  });

  it('orders references before the collections that use them', () => {
    const order = graph.evaluationOrder();
    expect(order[0]).toBe('all');
    expect(order.indexOf('a')).toBeLessThan(order.indexOf('b'));
    expect(order.indexOf('b')).toBeLessThan(order.indexOf('c'));
    expect(order).toHaveLength(5);
  });

  it('finds every dependant, transitively, and orders a subset', () => {
    const affected = graph.withDependants(['a']);
    expect([...affected].sort()).toEqual(['a', 'b', 'c']);
    expect(graph.evaluationOrder(affected)).toEqual(['a', 'b', 'c']);
  });
});
