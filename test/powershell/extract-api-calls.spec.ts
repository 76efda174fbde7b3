import { readFileSync } from 'node:fs';
import { extractApiCalls, extractModuleApiCalls, normalisePath } from './extract-api-calls';
import { MODULE_ROOT, listPowerShellFiles } from './powershell-sources';

const snippet = String.raw`
function Invoke-RcApi {
    <#
    .EXAMPLE
    Invoke-RcApi -Method Get -Path '/from-help' -All
    #>
    param()
}

function Get-Example {
    # Invoke-RcApi -Method Delete -Path '/from-a-comment'
    Write-Verbose 'Invoke-RcApi -Method Put -Path /from-a-string'
    $usage = @'
Invoke-RcApi -Method Delete -Path '/from-a-here-string'
'@
    Invoke-RcApi -Method Get -Path '/devices' -Query @{ filter = $Filter; top = $PSBoundParameters['Top'] } -All:$All | Add-RcTypeName -TypeName 'RcGate.Device'
    $d = Invoke-RcApi -Method Get -Path "/devices/$([uri]::EscapeDataString($Id))/resultant-settings"
    Invoke-RcApi -Method Post -Path '/sessions/check' -Body $body
    Invoke-RcApi -Method get -Path "/sessions/$id/end" -Query @{
        'deviceId' = $DeviceId
        state      = (Resolve-State -Name "a;b")
    }
    $null = Invoke-RcApi -Method Put -Path "/collections/$($c.id)/members/$([uri]::EscapeDataString($m))"
    Invoke-RcApi -Method Get -Path '/audit-records/export?format=csv'
    Invoke-RcApi -Method Get -Path "/audit-records/$seq" -All
}

function Get-Broken {
    Invoke-RcApi -Path '/wrong-order' -Method Get
    Invoke-RcApi @splatted
    Invoke-RcApi -Method Get -Path $computedPath
    Invoke-RcApi -Method Get -Path '/devices' -Query $query
    Invoke-RcApi -Method Get ${'`'}
        -Path '/split-line'
}
`;

describe('extractApiCalls', () => {
  const { calls, unparsed } = extractApiCalls(snippet, 'snippet.ps1');

  it('extracts each call with its method, normalised path, query names and paging', () => {
    expect(calls.map(({ method, path, query, pages }) => ({ method, path, query, pages }))).toEqual([
      { method: 'GET', path: '/devices', query: ['filter', 'top'], pages: true },
      { method: 'GET', path: '/devices/{param}/resultant-settings', query: [], pages: false },
      { method: 'POST', path: '/sessions/check', query: [], pages: false },
      { method: 'GET', path: '/sessions/{param}/end', query: ['deviceId', 'state'], pages: false },
      { method: 'PUT', path: '/collections/{param}/members/{param}', query: [], pages: false },
      { method: 'GET', path: '/audit-records/export', query: ['format'], pages: false },
      { method: 'GET', path: '/audit-records/{param}', query: [], pages: true },
    ]);
  });

  it('reports the line of each call', () => {
    const lines = snippet.split('\n');
    for (const call of calls) {
      expect(lines[call.line - 1]).toContain('Invoke-RcApi');
      expect(lines[call.line - 1]).toContain(call.rawPath);
    }
    expect(calls[0].file).toBe('snippet.ps1');
  });

  it('ignores the function definition, comments, help and strings', () => {
    const paths = calls.map((call) => call.path);
    expect(paths).not.toEqual(expect.arrayContaining(['/from-help']));
    expect(paths.join(' ')).not.toMatch(/from-(help|a-comment|a-string|a-here-string)/);
  });

  it('reports calls it cannot read instead of skipping them', () => {
    expect(unparsed.map((call) => call.text)).toEqual([
      "Invoke-RcApi -Path '/wrong-order' -Method Get",
      'Invoke-RcApi @splatted',
      'Invoke-RcApi -Method Get -Path $computedPath',
      "Invoke-RcApi -Method Get -Path '/devices' -Query $query",
      'Invoke-RcApi -Method Get `',
    ]);
    expect(unparsed[3].problem).toMatch(/-Query/);
  });
});

describe('normalisePath', () => {
  it.each([
    ["'/devices'", '/devices'],
    ['"/devices/$([uri]::EscapeDataString($Id))"', '/devices/{param}'],
    ['"/principals/$($p.name)/tokens/${tokenId}"', '/principals/{param}/tokens/{param}'],
    ['"/sessions/$script:sessionId/end"', '/sessions/{param}/end'],
    ['"/collections/$($c.id)/rules/$($rule.id)"', '/collections/{param}/rules/{param}'],
  ])('%s becomes %s', (raw, expected) => {
    expect(normalisePath(raw)).toBe(expected);
  });
});

describe('extractModuleApiCalls on the RcGate module', () => {
  const { calls, unparsed } = extractModuleApiCalls(MODULE_ROOT);
  const routes = new Set(calls.map((call) => `${call.method} ${call.path}`));

  it('reads every call (none unparsed)', () => {
    expect(unparsed).toEqual([]);
  });

  it('finds every Invoke-RcApi call site of the module', () => {
    // An independent, line-based count: call sites outside <# #> help blocks and # comments.
    let callSites = 0;
    for (const file of listPowerShellFiles(MODULE_ROOT).filter((f) => !/[\\/]Tests[\\/]/.test(f))) {
      let inBlockComment = false;
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (line.includes('<#')) inBlockComment = true;
        if (!inBlockComment && !/^\s*#/.test(line)) callSites += (line.match(/Invoke-RcApi -Method /g) ?? []).length;
        if (line.includes('#>')) inBlockComment = false;
      }
    }
    expect(callSites).toBeGreaterThan(30);
    expect(calls.length).toBe(callSites);
  });

  it.each([
    'GET /me',
    'GET /sites',
    'GET /sites/{param}',
    'GET /devices',
    'GET /devices/{param}',
    'POST /devices/import',
    'GET /devices/{param}/resultant-settings',
    'GET /collections',
    'POST /collections',
    'PATCH /collections/{param}',
    'DELETE /collections/{param}',
    'GET /collections/{param}/members',
    'PUT /collections/{param}/members/{param}',
    'DELETE /collections/{param}/members/{param}',
    'POST /collections/{param}/rules',
    'GET /client-settings',
    'POST /client-settings',
    'GET /client-settings/{param}',
    'PATCH /client-settings/{param}',
    'PUT /client-settings/{param}/deployments/{param}',
    'DELETE /client-settings/{param}/deployments/{param}',
    'POST /sessions',
    'POST /sessions/check',
    'GET /sessions',
    'GET /sessions/{param}',
    'POST /sessions/{param}/viewer-ticket',
    'POST /sessions/{param}/end',
    'GET /audit-records',
    'GET /audit-records/{param}',
    'GET /audit-records/export',
    'GET /audit-records/verify',
    'POST /principals/{param}/tokens',
    'POST /enrollment-keys',
  ])('finds %s', (route) => {
    expect(routes).toContain(route);
  });

  it('finds the query parameters of the list calls', () => {
    const queryOf = (method: string, path: string): string[] =>
      [...new Set(calls.filter((c) => c.method === method && c.path === path).flatMap((c) => c.query))].sort();
    expect(queryOf('GET', '/sessions')).toEqual(['deviceId', 'filter', 'orderby', 'state', 'top', 'type', 'viewer']);
    expect(queryOf('GET', '/audit-records')).toEqual(['actor', 'deviceId', 'filter', 'from', 'orderby', 'sessionId', 'to', 'top', 'type']);
    expect(queryOf('GET', '/audit-records/export')).toEqual(['format']);
    expect(queryOf('GET', '/devices/{param}/resultant-settings')).toEqual([]);
    expect(calls.some((c) => c.method === 'GET' && c.path === '/devices' && c.pages)).toBe(true);
  });
});
