import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level: one byte string per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  return `{${canonicalMembers(value as Record<string, unknown>).map(([, member]) => member).join(',')}}`;
}

/** `"key":value` for each defined member, in key order. */
function canonicalMembers(value: Record<string, unknown>): [string, string][] {
  return Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => [k, `${JSON.stringify(k)}:${canonicalJson(v)}`]);
}

export interface HashedFields {
  seq: string;
  occurredAt: string;
  type: string;
  actor: string;
  sessionId: string | null;
  deviceId: string | null;
  details: Record<string, unknown>;
}

/** hash = SHA-256(prevHash ‖ canonical JSON of the record's fields). */
export function chainHash(prevHash: string, fields: HashedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(fields)).digest('hex');
}

/**
 * The canonical JSON of a record whose seq is not known yet, split around
 * the seq value: `prefix + JSON.stringify(seq) + suffix === canonicalJson(fields)`.
 * The database completes and hashes it once it has locked the chain head.
 */
export function canonicalJsonAroundSeq(fields: Omit<HashedFields, 'seq'>): { prefix: string; suffix: string } {
  const members = canonicalMembers({ ...fields, seq: '' });
  const at = members.findIndex(([key]) => key === 'seq');
  const before = members.slice(0, at).map(([, member]) => `${member},`);
  const after = members.slice(at + 1).map(([, member]) => `,${member}`);
  return { prefix: `{${before.join('')}"seq":`, suffix: `${after.join('')}}` };
}
