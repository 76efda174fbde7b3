'use strict';
// The pass rule for resources, robust to a noisy shared machine: compare medians of the
// second and last quarters of the run (the first quarter is warm-up), and bound the maxima.

function median(values) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Least-squares slope of y over t, per minute. */
function slopePerMinute(points) {
  const n = points.length;
  if (n < 2) return NaN;
  const mt = points.reduce((s, p) => s + p.t, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) { num += (p.t - mt) * (p.y - my); den += (p.t - mt) ** 2; }
  return den ? (num / den) * 60 : NaN;
}

function summarize(samples, key, seconds) {
  const ok = samples.filter((s) => Number.isFinite(s[key]));
  const q = (a, b) => ok.filter((s) => s.t >= a * seconds && s.t < b * seconds).map((s) => s[key]);
  const afterWarmup = ok.filter((s) => s.t >= 0.25 * seconds);
  const all = ok.map((s) => s[key]);
  return {
    n: all.length,
    min: Math.min(...all),
    max: Math.max(...all),
    warmupMedian: median(q(0, 0.25)),
    q2Median: median(q(0.25, 0.5)),
    q3Median: median(q(0.5, 0.75)),
    q4Median: median(q(0.75, 1.01)),
    maxAfterWarmup: Math.max(...afterWarmup.map((s) => s[key])),
    slopePerMinuteAfterWarmup: slopePerMinute(afterWarmup.map((s) => ({ t: s.t, y: s[key] }))),
  };
}

/**
 * RSS flat:  median(last quarter) ≤ median(second quarter) × 1.25 + 32 MiB
 * fds flat:  median(last quarter) ≤ median(second quarter) × 1.25 + 32
 * fds bound: max after warm-up ≤ 2 × (2 × sessions + agents) + 256
 * PostgreSQL connections: max after warm-up ≤ 40 (pool of 20 + LISTEN clients, doubled)
 */
function resourceChecks(samples, seconds, { sessions, agents }) {
  const rss = summarize(samples, 'rssMiB', seconds);
  const fds = summarize(samples, 'fds', seconds);
  const pg = summarize(samples, 'pgConnections', seconds);
  const fdBound = 2 * (2 * sessions + agents) + 256;
  const checks = [
    { name: 'RSS flat after warm-up', rule: 'median(Q4) ≤ median(Q2) × 1.25 + 32 MiB', value: `${rss.q4Median.toFixed(1)} ≤ ${(rss.q2Median * 1.25 + 32).toFixed(1)} MiB`, ok: rss.q4Median <= rss.q2Median * 1.25 + 32 },
    { name: 'fds flat after warm-up', rule: 'median(Q4) ≤ median(Q2) × 1.25 + 32', value: `${fds.q4Median} ≤ ${(fds.q2Median * 1.25 + 32).toFixed(0)}`, ok: fds.q4Median <= fds.q2Median * 1.25 + 32 },
    { name: 'fds bounded', rule: `max after warm-up ≤ 2 × (2 × ${sessions} sessions + ${agents} agents) + 256 = ${fdBound}`, value: `${fds.maxAfterWarmup}`, ok: fds.maxAfterWarmup <= fdBound },
    { name: 'PostgreSQL connections bounded', rule: 'max after warm-up ≤ 40', value: `${pg.maxAfterWarmup}`, ok: pg.maxAfterWarmup <= 40 },
  ];
  return { rss, fds, pg, checks };
}

module.exports = { resourceChecks, median, summarize };
