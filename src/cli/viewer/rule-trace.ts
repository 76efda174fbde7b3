import { RuleResult } from '../client/api-error';

/** The policy verdict, rule by rule, as `rcgate connect` prints it on a denial (the same trace as POST /sessions/check). */
export function formatRuleTrace(reason: string | undefined, detail: string | undefined, rules: readonly RuleResult[]): string {
  const lines = [`denied by policy: ${reason ?? 'unknown reason'}${detail ? ` — ${detail}` : ''}`];
  if (rules.length > 0) lines.push('  policy rules, in order:');
  for (const rule of rules) lines.push(`    ${rule.passed ? 'pass' : 'FAIL'}  ${rule.rule}: ${rule.detail}`);
  return lines.join('\n');
}
