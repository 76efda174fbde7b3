import { wellFormedReviver } from '../common/http/well-formed';
import { FieldError, ValidationFailedError } from '../common/errors/domain-error';

export const MAX_IMPORT_DEVICES = 10_000;

export interface ImportLine {
  /** 1-based: the NDJSON line, or the position in the JSON array. */
  line: number;
  value: unknown;
}

/**
 * Splits an import body into lines: a JSON array (or `{"value": [...]}`),
 * or NDJSON text where blank lines are skipped but still counted.
 */
export function parseImportBody(body: unknown): { lines: ImportLine[]; errors: FieldError[] } {
  const lines: ImportLine[] = [];
  const errors: FieldError[] = [];
  if (typeof body === 'string') {
    body.split(/\r?\n/).forEach((text, index) => {
      if (text.trim() === '') return;
      try {
        lines.push({ line: index + 1, value: JSON.parse(text, wellFormedReviver) as unknown });
      } catch {
        errors.push({ line: index + 1, field: '', code: 'malformedJson', message: 'This line is not valid JSON.' });
      }
    });
  } else {
    const array = Array.isArray(body) ? body : (body as { value?: unknown } | null)?.value;
    if (!Array.isArray(array)) {
      throw new ValidationFailedError('Send a JSON array of devices, {"value": [...]}, or NDJSON (application/x-ndjson).', [], 'invalidImportBody');
    }
    array.forEach((value, index) => lines.push({ line: index + 1, value }));
  }
  const total = lines.length + errors.length;
  if (total === 0) throw new ValidationFailedError('The import holds no devices.', [], 'emptyImport');
  if (total > MAX_IMPORT_DEVICES) {
    throw new ValidationFailedError(`An import holds at most ${MAX_IMPORT_DEVICES} devices; this one holds ${total}. Split it.`, [], 'tooManyDevices');
  }
  return { lines, errors };
}
