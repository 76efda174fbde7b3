import { Session } from '../client/api.types';

const COLUMNS: Array<[string, (session: Session) => string]> = [
  ['ID', (s) => s.id],
  ['DEVICE', (s) => s.deviceId],
  ['TYPE', (s) => s.type],
  ['ACCESS', (s) => s.accessLevel],
  ['VIEWER', (s) => s.viewer],
  ['STATE', (s) => s.state],
  ['END REASON', (s) => s.endReason ?? ''],
  ['CREATED', (s) => s.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')],
];

/** Sessions as an aligned plain-text table, one row per session. */
export function formatSessionsTable(sessions: readonly Session[]): string {
  if (sessions.length === 0) return 'no sessions\n';
  const rows = [COLUMNS.map(([title]) => title), ...sessions.map((session) => COLUMNS.map(([, cell]) => cell(session)))];
  const widths = COLUMNS.map((_, index) => Math.max(...rows.map((row) => row[index].length)));
  return rows.map((row) => row.map((cell, index) => cell.padEnd(widths[index])).join('  ').trimEnd()).join('\n') + '\n';
}
