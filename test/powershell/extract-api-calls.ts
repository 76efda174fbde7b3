import { readFileSync } from 'node:fs';
import { listPowerShellFiles, repoRelative } from './powershell-sources';

/**
 * Finds the REST calls the RcGate module makes, by reading its source.
 *
 * Every request goes through the private Invoke-RcApi, always called in one shape:
 *   Invoke-RcApi -Method <Verb> -Path '<literal>' | "<with $(…) or $var segments>" [-Query @{ key = … }] [-All…]
 * with -Method and -Path on the line of the command name. Path segments built from variables or
 * subexpressions become {param}. Query keys are the keys of an inline @{ … } literal. A call that
 * does not fit this shape is reported in `unparsed`, so that the contract check cannot silently
 * skip it.
 */
export interface ApiCall {
  method: string;
  /** The path below /api/v1, with variable segments as {param}: /devices/{param}/resultant-settings. */
  path: string;
  /** The path as written in the source. */
  rawPath: string;
  /** Query parameter names the call sends (from -Query @{…} and from a literal ?a=… in the path). */
  query: string[];
  /** Whether the call may follow nextLink (-All or -All:$x), and so needs `cursor`. */
  pages: boolean;
  file: string;
  line: number;
}

export interface UnparsedCall {
  file: string;
  line: number;
  text: string;
  problem: string;
}

export interface ExtractedCalls {
  calls: ApiCall[];
  unparsed: UnparsedCall[];
}

const COMMAND = 'Invoke-RcApi';

/** What each character of a source text is, as classify() marks it. */
const CODE = 0;
const COMMENT = 1;
const STRING = 2;

/** Index just past the '…' string opening at i ('' is an escaped quote). */
function endOfSingleQuoted(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    if (text[j] !== "'") j++;
    else if (text[j + 1] === "'") j += 2;
    else return j + 1;
  }
  return text.length;
}

/** Index just past the "…" string opening at i (`x and "" escapes, $( … ) with strings inside). */
function endOfDoubleQuoted(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text[j];
    if (c === '`') j += 2;
    else if (c === '$' && text[j + 1] === '(') j = endOfGroup(text, j + 1);
    else if (c !== '"') j++;
    else if (text[j + 1] === '"') j += 2;
    else return j + 1;
  }
  return text.length;
}

const CLOSING: Record<string, string> = { '(': ')', '{': '}', '[': ']' };

/** Index just past the ( … ), { … } or [ … ] group opening at i, skipping strings inside it. */
function endOfGroup(text: string, i: number): number {
  const expected: string[] = [];
  let j = i;
  while (j < text.length) {
    const c = text[j];
    if (c === "'") j = endOfSingleQuoted(text, j);
    else if (c === '"') j = endOfDoubleQuoted(text, j);
    else {
      if (CLOSING[c]) expected.push(CLOSING[c]);
      else if (c === expected[expected.length - 1]) {
        expected.pop();
        if (expected.length === 0) return j + 1;
      }
      j++;
    }
  }
  return text.length;
}

/** Marks each character as CODE, COMMENT or STRING: <# #> and # comments, '…', "…", @'…'@ and @"…"@. */
function classify(source: string): Uint8Array {
  const kinds = new Uint8Array(source.length).fill(CODE);
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    let stop: number;
    let kind: number;
    if (c === '<' && source[i + 1] === '#') {
      const end = source.indexOf('#>', i + 2);
      [stop, kind] = [end < 0 ? source.length : end + 2, COMMENT];
    } else if (c === '#' && (i === 0 || /[\s;({[|=,]/.test(source[i - 1]))) {
      const end = source.indexOf('\n', i);
      [stop, kind] = [end < 0 ? source.length : end, COMMENT];
    } else if (c === '@' && /^['"]\r?\n/.test(source.slice(i + 1, i + 4))) {
      const terminator = new RegExp(`\\n[ \\t]*${source[i + 1]}@`, 'g');
      terminator.lastIndex = i + 2;
      const found = terminator.exec(source);
      [stop, kind] = [found ? found.index + found[0].length : source.length, STRING];
    } else if (c === "'") [stop, kind] = [endOfSingleQuoted(source, i), STRING];
    else if (c === '"') [stop, kind] = [endOfDoubleQuoted(source, i), STRING];
    else [stop, kind] = [i + 1, CODE];
    kinds.fill(kind, i, stop);
    i = stop;
  }
  return kinds;
}

/** Reads one argument starting at i: a quoted string, a @{…}/(…)/{…}/[…] group, or a bare word. */
function readToken(text: string, i: number): { token: string; end: number } {
  const c = text[i];
  let end: number;
  if (c === "'") end = endOfSingleQuoted(text, i);
  else if (c === '"') end = endOfDoubleQuoted(text, i);
  else if (c === '@' && CLOSING[text[i + 1]]) end = endOfGroup(text, i + 1);
  else if (CLOSING[c]) end = endOfGroup(text, i);
  else {
    end = i;
    while (end < text.length && !/[\s|;)}\]]/.test(text[end])) end = CLOSING[text[end]] ? endOfGroup(text, end) : end + 1;
  }
  return { token: text.slice(i, end), end };
}

/** Splits a command (from after its name to the end of the statement) into arguments. */
function readArguments(text: string): Array<{ token: string; line: number }> {
  const args: Array<{ token: string; line: number }> = [];
  let i = 0;
  let line = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '`' && (text[i + 1] === '\n' || text.slice(i + 1, i + 3) === '\r\n')) {
      i += text[i + 1] === '\n' ? 2 : 3;
      line++;
      continue;
    }
    if (c === '\n' || c === '|' || c === ';' || c === ')' || c === '}') break;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const { token, end } = readToken(text, i);
    args.push({ token, line });
    line += (token.match(/\n/g) ?? []).length;
    i = end;
  }
  return args;
}

/** The path a -Path string names, with its $(…), ${…} and $name(.member)* segments as {param}. */
export function normalisePath(raw: string): string {
  const inner = raw.slice(1, -1);
  if (raw.startsWith("'")) return inner.replace(/''/g, "'");
  let out = '';
  let i = 0;
  while (i < inner.length) {
    const c = inner[i];
    const next = inner[i + 1] ?? '';
    if (c === '`') {
      out += next;
      i += 2;
    } else if (c === '$' && (next === '(' || next === '{')) {
      out += '{param}';
      i = endOfGroup(inner, i + 1);
    } else if (c === '$' && /[\w:]/.test(next)) {
      out += '{param}';
      i += /^\$[\w:]+(\.\w+)*/.exec(inner.slice(i))![0].length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The keys of a hashtable literal @{ a = 1; 'b' = 2 \n c = (…) }. */
function hashtableKeys(literal: string): string[] | undefined {
  if (!literal.startsWith('@{') || !literal.endsWith('}')) return undefined;
  const body = literal.slice(2, -1);
  const keys: string[] = [];
  let i = 0;
  let entryStart = true;
  while (i < body.length) {
    const c = body[i];
    if (c === '\n' || c === ';') {
      entryStart = true;
      i++;
    } else if (/\s/.test(c)) i++;
    else if (entryStart) {
      const match = /^(?:'([^']+)'|"([^"]+)"|([A-Za-z_][\w-]*))\s*=/.exec(body.slice(i));
      if (!match) return undefined;
      keys.push(match[1] ?? match[2] ?? match[3]);
      i += match[0].length;
      entryStart = false;
    } else {
      i = readToken(body, i).end;
    }
  }
  return keys;
}

/** Extracts the Invoke-RcApi calls of one PowerShell source text. */
export function extractApiCalls(source: string, file = '<inline>'): ExtractedCalls {
  const kinds = classify(source);
  const calls: ApiCall[] = [];
  const unparsed: UnparsedCall[] = [];
  const pattern = /(?<![\w-])Invoke-RcApi(?![\w-])/gi;

  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    const at = match.index;
    if (kinds[at] !== CODE) continue;
    const lineStart = source.lastIndexOf('\n', at - 1) + 1;
    const line = source.slice(0, at).split('\n').length;
    if (/\bfunction\s+$/i.test(source.slice(lineStart, at))) continue;

    const rest = source.slice(at + COMMAND.length);
    const args = readArguments(rest);
    const lineEnd = source.indexOf('\n', at);
    const text = source.slice(at, lineEnd < 0 ? source.length : lineEnd).trim();
    const fail = (problem: string): void => {
      unparsed.push({ file, line, text, problem });
    };

    const tokens = args.map((a) => a.token);
    if (tokens[0]?.toLowerCase() !== '-method' || tokens[2]?.toLowerCase() !== '-path' || args[1]?.line !== 0 || args[3]?.line !== 0) {
      fail('expected "Invoke-RcApi -Method <verb> -Path <string>" on one line');
      continue;
    }
    const method = tokens[1].replace(/^['"]|['"]$/g, '').toUpperCase();
    const rawPath = tokens[3];
    if (!/^(GET|POST|PUT|PATCH|DELETE)$/.test(method)) {
      fail(`unknown method ${tokens[1]}`);
      continue;
    }
    if (!/^(['"]).*\1$/s.test(rawPath)) {
      fail('the -Path argument is not a quoted string');
      continue;
    }

    const [path, inlineQuery] = normalisePath(rawPath).split('?', 2);
    const query = inlineQuery ? inlineQuery.split('&').map((pair) => decodeURIComponent(pair.split('=')[0])) : [];
    let pages = false;
    let ok = true;
    for (let k = 4; k < tokens.length; k++) {
      const name = tokens[k].toLowerCase();
      if (name === '-query') {
        const keys = hashtableKeys(tokens[k + 1] ?? '');
        if (!keys) {
          fail('-Query is not an inline @{ key = value } literal');
          ok = false;
          break;
        }
        query.push(...keys);
        k++;
      } else if (name === '-all' || name.startsWith('-all:')) pages = true;
    }
    if (!ok) continue;

    calls.push({ method, path, rawPath, query: [...new Set(query)].sort(), pages, file, line });
  }
  return { calls, unparsed };
}

/** Extracts the calls of every .ps1/.psm1 file under moduleRoot, except the Pester tests. */
export function extractModuleApiCalls(moduleRoot: string): ExtractedCalls {
  const result: ExtractedCalls = { calls: [], unparsed: [] };
  for (const file of listPowerShellFiles(moduleRoot)) {
    if (/[\\/]Tests[\\/]/.test(file) || file.endsWith('.psd1')) continue;
    const { calls, unparsed } = extractApiCalls(readFileSync(file, 'utf8'), repoRelative(file));
    result.calls.push(...calls);
    result.unparsed.push(...unparsed);
  }
  return result;
}
