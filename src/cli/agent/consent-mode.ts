/** How the agent answers an offer that needs the user's consent. */
export type ConsentMode = { kind: 'prompt' } | { kind: 'grant' } | { kind: 'deny' } | { kind: 'command'; command: string };

export function parseConsentMode(raw: string): ConsentMode {
  if (raw === 'prompt' || raw === 'grant' || raw === 'deny') return { kind: raw };
  if (raw.startsWith('command:') && raw.length > 'command:'.length) return { kind: 'command', command: raw.slice('command:'.length) };
  throw new Error(`--consent must be prompt, grant, deny or command:<cmd>, not '${raw}'`);
}
