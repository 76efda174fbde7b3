'use strict';
// The summary on stdout, and the verdict: resources flat and bounded, no unexpected error, every
// injected fault refused as specified, every session ended with its endReason, audit as expected.

const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

function report(results, ledger) {
  const { params: P, resources, final = {}, counts = {} } = results;
  const out = [];
  out.push(`\n## rcgate soak (${P.mode}) — ${results.startedAt}`);
  out.push(`\n${P.sessions} concurrent sessions for ${P.seconds} s (after a ${f1(results.rampSeconds)} s ramp; measured ${f1(results.loadSeconds)} s), ${P.sessions + P.spareAgents} agents, seed ${P.seed}; ` +
    `${results.machine.nproc} cores (${results.machine.cpu}), load average ${results.machine.loadAtStart.map((x) => x.toFixed(1)).join(' / ')} at start, ${(results.machine.loadAtEnd ?? []).map((x) => x.toFixed(1)).join(' / ')} at end.\n`);
  const checks = [];
  if (resources) {
    out.push('| Series (server process) | warm-up median | Q2 median | Q3 median | Q4 median | min | max | slope after warm-up |');
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const [label, s, unit] of [['RSS (MiB)', resources.rss, 'MiB/min'], ['open fds', resources.fds, '/min'], ['PostgreSQL connections', resources.pg, '/min']]) {
      out.push(`| ${label} | ${f1(s.warmupMedian)} | ${f1(s.q2Median)} | ${f1(s.q3Median)} | ${f1(s.q4Median)} | ${f1(s.min)} | ${f1(s.max)} | ${f1(s.slopePerMinuteAfterWarmup)} ${unit} |`);
    }
    checks.push(...resources.checks);
  }
  const completed = counts['sessions.completed'] ?? 0;
  const faults = Object.entries(results.faults ?? {});
  const injected = faults.reduce((n, [, f]) => n + f.injected, 0);
  const refused = faults.reduce((n, [, f]) => n + f.refusedAsExpected, 0);
  const created = counts['sessions.created'] ?? 0;
  checks.push({ name: 'sessions completed', rule: `all created, more than ${P.sessions} (churn)`, value: `${completed} of ${created}`, ok: completed === created && completed > P.sessions });
  checks.push({ name: 'injected faults refused cleanly', rule: 'all of them, each as specified', value: `${refused} / ${injected}`, ok: refused === injected && injected > 0 });
  checks.push({ name: 'every session ended with an endReason', rule: '0 open, 0 without endReason, none unknown', value: `${final.sessions?.open ?? '?'} open, ${final.sessions?.noReason ?? '?'} without, ${final.sessions?.total ?? '?'} in all`, ok: final.sessions?.open === 0 && final.sessions?.noReason === 0 });
  checks.push({ name: 'audit per session', rule: '1 sessionRequested, 1 sessionEnded, 1 sessionStarted if paired', value: `${final.auditMismatches ?? '?'} mismatches`, ok: final.auditMismatches === 0 });
  checks.push({ name: 'audit chain verifies', rule: 'GET /api/v1/audit-records/verify → valid', value: `${final.auditVerify?.valid} (${final.auditRecords ?? '?'} records)`, ok: final.auditVerify?.valid === true });
  checks.push({ name: 'unexpected errors', rule: '0 (5xx, unexpected status or close code, lost bytes, stuck session, server error log)', value: String(ledger.unexpected), ok: ledger.unexpected === 0 });
  out.push('\n| Check | Rule | Value | |');
  out.push('|---|---|---|---|');
  for (const c of checks) out.push(`| ${c.name} | ${c.rule} | ${c.value} | ${c.ok ? 'pass' : '**FAIL**'} |`);
  out.push('\n| Activity | Count |');
  out.push('|---|---:|');
  for (const [k, v] of Object.entries(counts).sort()) out.push(`| ${k} | ${v} |`);
  out.push('\n| Injected fault | Injected | Refused as specified | Outcomes |');
  out.push('|---|---:|---:|---|');
  for (const [k, f] of faults) out.push(`| ${k} | ${f.injected} | ${f.refusedAsExpected} | ${Object.entries(f.outcomes).map(([o, n]) => `${o} ×${n}`).join(', ')} |`);
  if (final.endReasons) out.push(`\nEnd reasons: ${Object.entries(final.endReasons).map(([r, n]) => `${r} ${n}`).join(', ')}`);
  const warnings = Object.entries(results.serverLog?.warnings ?? {});
  if (warnings.length) out.push(`Server warnings (not failures): ${warnings.map(([m, n]) => `'${m}' ×${n}`).join(', ')}`);
  if (ledger.unexpected) {
    out.push('\nUnexpected errors:');
    for (const [k, e] of Object.entries(ledger.errors)) out.push(`- ${k} ×${e.n}: ${e.examples.join(' | ')}`);
  }
  const passed = checks.every((c) => c.ok);
  out.push(`\n**${passed ? 'PASS' : 'FAIL'}**`);
  console.log(out.join('\n'));
  results.checks = checks;
  return { passed };
}

module.exports = { report };
