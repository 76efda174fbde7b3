import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import {
  CLIENT_ROOT,
  MODULE_ROOT,
  PARSER_LOAD_TIMEOUT_MS,
  findSyntaxProblems,
  listPowerShellFiles,
  loadPowerShellParser,
  repoRelative,
} from './powershell-sources';

const files = listPowerShellFiles(CLIENT_ROOT);

describe('PowerShell sources under clients/powershell', () => {
  let parser: Parser;

  beforeAll(async () => {
    parser = await loadPowerShellParser();
  }, PARSER_LOAD_TIMEOUT_MS);

  it('includes the manifest, the loader, the cmdlets and the Pester tests', () => {
    const relativeFiles = files.map(repoRelative);
    expect(relativeFiles).toEqual(
      expect.arrayContaining([
        join('clients', 'powershell', 'RcGate', 'RcGate.psd1'),
        join('clients', 'powershell', 'RcGate', 'RcGate.psm1'),
        join('clients', 'powershell', 'RcGate', 'Private', 'Invoke-RcApi.ps1'),
        join('clients', 'powershell', 'RcGate', 'Public', 'Start-RcSession.ps1'),
      ]),
    );
    expect(relativeFiles.some((file) => file.endsWith('.Tests.ps1'))).toBe(true);
    expect(files.every((file) => file.startsWith(MODULE_ROOT))).toBe(true);
  });

  it('reports a deliberately broken snippet with its line and column', () => {
    const broken = ['function Test-Broken {', '    if ($x -eq 1 {', "        'one'", '}', ''].join('\n');
    const problems = findSyntaxProblems(parser, broken);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toEqual(expect.objectContaining({ line: expect.any(Number), column: expect.any(Number) }));
    expect(problems[0].line).toBeGreaterThanOrEqual(1);
  });

  it('reports a missing closing brace as a MISSING node', () => {
    const problems = findSyntaxProblems(parser, 'function Test-Open {\n    Get-Date\n');
    expect(problems.map((problem) => problem.kind)).toContain('MISSING');
  });

  it('accepts a well-formed advanced function', () => {
    const valid = [
      'function Get-Thing {',
      '    [CmdletBinding(SupportsShouldProcess)]',
      '    param([Parameter(Mandatory, ValueFromPipelineByPropertyName)] [Alias(\'Id\')] [string[]] $ThingId)',
      '    process { foreach ($id in $ThingId) { Invoke-RcApi -Method Get -Path "/things/$([uri]::EscapeDataString($id))" } }',
      '}',
      '',
    ].join('\n');
    expect(findSyntaxProblems(parser, valid)).toEqual([]);
  });

  it.each(files.map((file) => [repoRelative(file), file]))('%s has no ERROR or MISSING node', (_name, file) => {
    const problems = findSyntaxProblems(parser, readFileSync(file, 'utf8'));
    const report = problems.map((p) => `${repoRelative(file)}:${p.line}:${p.column} ${p.kind} ${p.nodeType}: ${p.excerpt}`);
    expect(report).toEqual([]);
  });
});
