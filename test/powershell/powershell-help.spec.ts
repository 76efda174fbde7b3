import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node, Parser } from 'web-tree-sitter';
import {
  MODULE_ROOT,
  PARSER_LOAD_TIMEOUT_MS,
  functionNameOf,
  listFunctionFiles,
  loadPowerShellParser,
  withTree,
} from './powershell-sources';

/** The approved verbs, as `Get-Verb` lists them in PowerShell 7.4 (a superset of 5.1's). */
const APPROVED_VERBS = new Set([
  // Common
  'Add', 'Clear', 'Close', 'Copy', 'Enter', 'Exit', 'Find', 'Format', 'Get', 'Hide', 'Join', 'Lock', 'Move', 'New',
  'Open', 'Optimize', 'Pop', 'Push', 'Redo', 'Remove', 'Rename', 'Reset', 'Resize', 'Search', 'Select', 'Set', 'Show',
  'Skip', 'Split', 'Step', 'Switch', 'Undo', 'Unlock', 'Watch',
  // Communications
  'Connect', 'Disconnect', 'Read', 'Receive', 'Send', 'Write',
  // Data
  'Backup', 'Checkpoint', 'Compare', 'Compress', 'Convert', 'ConvertFrom', 'ConvertTo', 'Dismount', 'Edit', 'Expand',
  'Export', 'Group', 'Import', 'Initialize', 'Limit', 'Merge', 'Mount', 'Out', 'Publish', 'Restore', 'Save', 'Sync',
  'Unpublish', 'Update',
  // Diagnostic
  'Debug', 'Measure', 'Ping', 'Repair', 'Resolve', 'Test', 'Trace',
  // Lifecycle
  'Approve', 'Assert', 'Build', 'Complete', 'Confirm', 'Deny', 'Deploy', 'Disable', 'Enable', 'Install', 'Invoke',
  'Register', 'Request', 'Restart', 'Resume', 'Start', 'Stop', 'Submit', 'Suspend', 'Uninstall', 'Unregister', 'Wait',
  // Security
  'Block', 'Grant', 'Protect', 'Revoke', 'Unblock', 'Unprotect',
  // Other
  'Use',
]);

/** Verbs whose cmdlets change state and so must support -WhatIf and -Confirm. */
const STATE_CHANGING_VERBS = new Set(['Add', 'Export', 'Import', 'New', 'Publish', 'Remove', 'Set', 'Start', 'Stop', 'Unpublish']);

interface FunctionInfo {
  names: string[];
  help?: Map<string, string[]>;
  parameters: string[];
  cmdletBinding?: string;
}

/** Sections of comment-based help: '.PARAMETER Name' is keyed 'PARAMETER Name'. */
function parseHelp(comment: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of comment.replace(/^<#|#>$/g, '').split('\n')) {
    const keyword = /^\s*\.([A-Za-z]+)(?:\s+(\S+))?\s*$/.exec(line);
    if (keyword) {
      const key = keyword[2] ? `${keyword[1].toUpperCase()} ${keyword[2]}` : keyword[1].toUpperCase();
      current = [];
      sections.set(sections.has(key) ? `${key} #${sections.size}` : key, current);
    } else if (current && line.trim()) current.push(line.trim());
  }
  return sections;
}

function describeFunctions(parser: Parser, source: string): FunctionInfo {
  return withTree(parser, source, (tree) => {
    const functions = tree.rootNode.namedChildren
      .flatMap((node) => (node.type === 'statement_list' ? node.namedChildren : [node]))
      .filter((node): node is Node => node?.type === 'function_statement');
    const info: FunctionInfo = { names: functions.map((f) => f.namedChildren.find((c) => c?.type === 'function_name')?.text ?? ''), parameters: [] };
    const fn = functions[0];
    if (!fn) return info;

    // Help sits in the first comment inside the function, or in the comment just before it.
    const comments = [fn.previousNamedSibling, ...fn.descendantsOfType('comment')].filter(
      (node): node is Node => node?.type === 'comment' && node.text.startsWith('<#'),
    );
    const helpComment = comments.find((node) => /^\s*\.SYNOPSIS\b/im.test(node.text));
    if (helpComment) info.help = parseHelp(helpComment.text);

    const body = fn.namedChildren.find((child) => child?.type === 'script_block');
    const paramBlock = body?.namedChildren.find((child) => child?.type === 'param_block');
    const parameterList = paramBlock?.namedChildren.find((child) => child?.type === 'parameter_list');
    info.parameters = (parameterList?.namedChildren ?? [])
      .filter((node): node is Node => node?.type === 'script_parameter')
      .map((parameter) => parameter.namedChildren.find((c) => c?.type === 'variable')?.text.replace(/^\$/, '') ?? '');
    info.cmdletBinding = /\[CmdletBinding\(([^\]]*)\)\]/i.exec(paramBlock?.text ?? '')?.[1];
    return info;
  });
}

/** The quoted names inside `Key = @( … )` of the manifest. */
function manifestList(manifest: string, key: string): string[] {
  const match = new RegExp(`^\\s*${key}\\s*=\\s*@\\(([^)]*)\\)`, 'im').exec(manifest);
  if (!match) return [];
  return [...match[1].matchAll(/'([^']+)'|"([^"]+)"/g)].map((m) => m[1] ?? m[2]);
}

function manifestValue(manifest: string, key: string): string | undefined {
  return new RegExp(`^\\s*${key}\\s*=\\s*'([^']*)'`, 'im').exec(manifest)?.[1];
}

const publicFiles = listFunctionFiles('Public');
const privateFiles = listFunctionFiles('Private');
const manifest = readFileSync(join(MODULE_ROOT, 'RcGate.psd1'), 'utf8');

describe('RcGate cmdlets: names, help and manifest', () => {
  let parser: Parser;
  const infos = new Map<string, FunctionInfo>();

  beforeAll(async () => {
    parser = await loadPowerShellParser();
    for (const file of [...publicFiles, ...privateFiles]) infos.set(file, describeFunctions(parser, readFileSync(file, 'utf8')));
  }, PARSER_LOAD_TIMEOUT_MS);

  it('has the cmdlets of the issue', () => {
    const names = publicFiles.map(functionNameOf);
    expect(names).toEqual(
      expect.arrayContaining([
        'Connect-RcServer', 'Disconnect-RcServer', 'Get-RcSite', 'Get-RcDevice', 'Import-RcDevice',
        'Get-RcCollection', 'New-RcCollection', 'Set-RcCollection', 'Remove-RcCollection',
        'Get-RcCollectionMember', 'Add-RcCollectionMember', 'Remove-RcCollectionMember', 'Add-RcCollectionRule',
        'Get-RcClientSetting', 'New-RcClientSetting', 'Set-RcClientSetting', 'Publish-RcClientSetting',
        'Unpublish-RcClientSetting', 'Get-RcResultantSetting', 'Test-RcSession', 'Start-RcSession', 'Get-RcSession',
        'Stop-RcSession', 'Get-RcAuditRecord', 'Export-RcAuditRecord', 'Test-RcAuditChain', 'New-RcApiToken',
        'New-RcEnrollmentKey',
      ]),
    );
    expect(privateFiles.map(functionNameOf)).toContain('Invoke-RcApi');
  });

  it('reads help, parameters and CmdletBinding from a snippet (the checks can fail)', () => {
    const info = describeFunctions(
      parser,
      [
        'function Get-Thing {',
        '    <#',
        '    .SYNOPSIS',
        '    Gets things.',
        '    .PARAMETER ThingId',
        '    The id.',
        '    #>',
        '    [CmdletBinding(SupportsShouldProcess)]',
        '    param([string] $ThingId, [switch] $All)',
        '    $ThingId',
        '}',
        '',
      ].join('\n'),
    );
    expect(info.names).toEqual(['Get-Thing']);
    expect(info.parameters).toEqual(['ThingId', 'All']);
    expect(info.help?.get('SYNOPSIS')).toEqual(['Gets things.']);
    expect(info.help?.has('PARAMETER ThingId')).toBe(true);
    expect(info.help?.has('PARAMETER All')).toBe(false);
    expect(info.help?.has('EXAMPLE')).toBe(false);
    expect(info.cmdletBinding).toBe('SupportsShouldProcess');
  });

  describe.each(publicFiles.map((file) => [functionNameOf(file), file]))('%s', (name, file) => {
    const info = (): FunctionInfo => infos.get(file)!;

    it('holds one function, named like its file, with an approved verb and the Rc noun prefix', () => {
      expect(info().names).toEqual([name]);
      const [verb, noun] = name.split('-');
      expect(APPROVED_VERBS.has(verb)).toBe(true);
      expect(noun).toMatch(/^Rc[A-Z]/);
    });

    it('has comment-based help with .SYNOPSIS, .DESCRIPTION and at least one .EXAMPLE', () => {
      const help = info().help;
      expect(help).toBeDefined();
      expect(help!.get('SYNOPSIS')?.length).toBeGreaterThan(0);
      expect(help!.get('DESCRIPTION')?.length).toBeGreaterThan(0);
      expect([...help!.keys()].some((key) => key.startsWith('EXAMPLE'))).toBe(true);
    });

    it('documents exactly its parameters with .PARAMETER', () => {
      const documented = [...info().help!.keys()]
        .filter((key) => key.startsWith('PARAMETER '))
        .map((key) => key.slice('PARAMETER '.length))
        .sort();
      expect(documented).toEqual([...info().parameters].sort());
      for (const key of documented) expect(info().help!.get(`PARAMETER ${key}`)?.length).toBeGreaterThan(0);
    });

    it('is an advanced function; a state-changing one supports ShouldProcess', () => {
      expect(info().cmdletBinding).toBeDefined();
      if (STATE_CHANGING_VERBS.has(name.split('-')[0])) expect(info().cmdletBinding).toMatch(/\bSupportsShouldProcess\b/);
    });
  });

  it.each(privateFiles.map((file) => [functionNameOf(file), file]))(
    'private %s holds one function named like its file, with an approved verb and a synopsis',
    (name, file) => {
      const info = infos.get(file)!;
      expect(info.names).toEqual([name]);
      expect(APPROVED_VERBS.has(name.split('-')[0])).toBe(true);
      expect(info.help?.get('SYNOPSIS')?.length).toBeGreaterThan(0);
    },
  );

  describe('RcGate.psd1', () => {
    it('exports exactly the Public functions', () => {
      expect([...manifestList(manifest, 'FunctionsToExport')].sort()).toEqual(publicFiles.map(functionNameOf).sort());
    });

    it('declares version 0.1.0, PowerShell 5.1, the Desktop and Core editions', () => {
      expect(manifestValue(manifest, 'ModuleVersion')).toBe('0.1.0');
      expect(manifestValue(manifest, 'PowerShellVersion')).toBe('5.1');
      expect(manifestList(manifest, 'CompatiblePSEditions').sort()).toEqual(['Core', 'Desktop']);
    });

    it('names a root module, format and types files that exist', () => {
      const files = [manifestValue(manifest, 'RootModule'), ...manifestList(manifest, 'FormatsToProcess'), ...manifestList(manifest, 'TypesToProcess')];
      expect(files).toEqual(['RcGate.psm1', 'RcGate.Format.ps1xml', 'RcGate.Types.ps1xml']);
      for (const file of files) expect(existsSync(join(MODULE_ROOT, file!))).toBe(true);
    });

    it('has a format view for every RcGate type name the cmdlets emit', () => {
      const formats = readFileSync(join(MODULE_ROOT, 'RcGate.Format.ps1xml'), 'utf8');
      for (const typeName of ['RcGate.Device', 'RcGate.Site', 'RcGate.Collection', 'RcGate.ClientSetting', 'RcGate.Session', 'RcGate.AuditRecord']) {
        expect(formats).toContain(`<TypeName>${typeName}</TypeName>`);
      }
    });
  });
});
