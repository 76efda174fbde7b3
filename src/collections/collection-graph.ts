export interface CollectionReference {
  /** The collection whose members depend on `to`. */
  from: string;
  to: string;
}

/**
 * Who depends on whom through include, exclude and limiting collections.
 * Pure: built from rows, used for cycle checks and evaluation order.
 */
export class CollectionGraph {
  private readonly references = new Map<string, Set<string>>();
  private readonly dependants = new Map<string, Set<string>>();

  constructor(nodes: Iterable<string>, edges: CollectionReference[]) {
    for (const node of nodes) this.add(node);
    for (const { from, to } of edges) {
      this.add(from);
      this.add(to);
      this.references.get(from)!.add(to);
      this.dependants.get(to)!.add(from);
    }
  }

  referencesOf(id: string): string[] {
    return [...(this.references.get(id) ?? [])];
  }

  /** The loop `from → to → … → from` that a new reference would close, or null. */
  cycleIfAdded(from: string, to: string): string[] | null {
    if (from === to) return [from, from];
    const path = this.pathBetween(to, from);
    return path ? [from, ...path] : null;
  }

  /** Every collection, references before the collections that use them; ties by id, so the order is stable. */
  evaluationOrder(only?: Set<string>): string[] {
    const nodes = [...this.references.keys()].filter((n) => !only || only.has(n));
    const pending = new Map(nodes.map((n) => [n, this.referencesOf(n).filter((r) => !only || only.has(r)).length]));
    const ready = nodes.filter((n) => pending.get(n) === 0).sort();
    const order: string[] = [];
    while (ready.length) {
      const node = ready.shift()!;
      order.push(node);
      for (const dependant of [...(this.dependants.get(node) ?? [])].sort()) {
        if (!pending.has(dependant)) continue;
        const left = pending.get(dependant)! - 1;
        pending.set(dependant, left);
        if (left === 0) insertSorted(ready, dependant);
      }
    }
    return order;
  }

  /** The given collections and everything that depends on them, transitively. */
  withDependants(ids: Iterable<string>): Set<string> {
    const out = new Set<string>();
    const stack = [...ids];
    while (stack.length) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      stack.push(...(this.dependants.get(id) ?? []));
    }
    return out;
  }

  private pathBetween(start: string, target: string): string[] | null {
    const previous = new Map<string, string | null>([[start, null]]);
    const queue = [start];
    while (queue.length) {
      const node = queue.shift()!;
      if (node === target) {
        const path = [node];
        for (let p = previous.get(node); p; p = previous.get(p)) path.unshift(p);
        return path;
      }
      for (const next of [...(this.references.get(node) ?? [])].sort()) {
        if (!previous.has(next)) {
          previous.set(next, node);
          queue.push(next);
        }
      }
    }
    return null;
  }

  private add(node: string): void {
    if (!this.references.has(node)) this.references.set(node, new Set());
    if (!this.dependants.has(node)) this.dependants.set(node, new Set());
  }
}

function insertSorted(list: string[], value: string): void {
  const at = list.findIndex((v) => v > value);
  if (at === -1) list.push(value);
  else list.splice(at, 0, value);
}
