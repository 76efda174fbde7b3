import { AuditRecordModel } from './models/audit-record.model';

export const CSV_COLUMNS = ['seq', 'occurredAt', 'type', 'actor', 'sessionId', 'deviceId', 'details', 'prevHash', 'hash'] as const;

/** RFC 4180 cell; a leading = + - @ is neutralised so spreadsheets never run it as a formula. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(record: AuditRecordModel): string {
  return `${CSV_COLUMNS.map((column) => csvCell(record[column])).join(',')}\r\n`;
}

export function ndjsonLine(record: AuditRecordModel): string {
  return `${JSON.stringify(record)}\n`;
}
