'use strict';
// What happened during the soak: counters, unexpected errors (with a few examples each) and
// injected faults (expected outcome or not). Tickets and tokens never go in here.

class Ledger {
  constructor() {
    this.counts = {};
    this.errors = {};
    this.faults = {};
  }

  count(name, n = 1) {
    this.counts[name] = (this.counts[name] ?? 0) + n;
  }

  /** An unexpected error: fails the run. */
  error(kind, detail) {
    const e = (this.errors[kind] ??= { n: 0, examples: [] });
    e.n++;
    if (e.examples.length < 5) e.examples.push(String(detail).slice(0, 300));
  }

  /** An injected fault and whether it was refused the way it must be. */
  fault(kind, ok, detail) {
    const f = (this.faults[kind] ??= { injected: 0, refusedAsExpected: 0, outcomes: {} });
    f.injected++;
    if (ok) f.refusedAsExpected++;
    else this.error(`fault.${kind}`, detail);
    f.outcomes[detail] = (f.outcomes[detail] ?? 0) + 1;
  }

  get unexpected() {
    return Object.values(this.errors).reduce((s, e) => s + e.n, 0);
  }
}

module.exports = { Ledger };
