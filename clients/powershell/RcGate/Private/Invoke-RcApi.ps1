function Invoke-RcApi {
    <#
    .SYNOPSIS
    Sends one logical request to the rcgate REST API.

    .DESCRIPTION
    The one place where the module talks HTTP. Builds the URI from the connection made by
    Connect-RcServer ('<server>/api/v1' + Path + Query), adds the bearer token, and:
    - sends an Idempotency-Key (a new GUID per call, the same one on every retry) on POST;
    - retries 429 and 503 answers after their Retry-After, at most MaximumRetryCount times;
    - unwraps list envelopes ({value, nextLink}): yields the items of the first page, or of
      every page when -All (following nextLink, which Windows PowerShell 5.1 cannot do with
      -FollowRelLink);
    - turns problem+json answers into terminating ErrorRecords whose FullyQualifiedErrorId is
      the problem's code (see ConvertTo-RcErrorRecord).
    Verbose output names the method and the URI only; the token never appears in verbose or
    error output.

    .PARAMETER Method
    HTTP method: Get, Post, Put, Patch or Delete.

    .PARAMETER Path
    Path below /api/v1, starting with '/'. Escape id segments with [uri]::EscapeDataString.

    .PARAMETER Query
    Query parameters. Entries whose value is $null or '' are left out.

    .PARAMETER Body
    Request body: an object or hashtable (sent as JSON), an array (sent as a JSON array) or a string.

    .PARAMETER Headers
    Extra request headers, such as If-Match or Accept.

    .PARAMETER ContentType
    Content type of the body. Defaults to application/json; charset=utf-8.

    .PARAMETER OutFile
    Writes the response body to this file (a full file-system path) instead of returning it.

    .PARAMETER All
    Follows nextLink until the last page.

    .EXAMPLE
    Invoke-RcApi -Method Get -Path '/devices' -Query @{ filter = "joinType eq 'workgroup'" } -All

    Yields every workgroup device, page after page.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [ValidateSet('Get', 'Post', 'Put', 'Patch', 'Delete')]
        [string] $Method,

        [Parameter(Mandatory)]
        [ValidatePattern('^/')]
        [string] $Path,

        [hashtable] $Query,

        [AllowNull()]
        [object] $Body,

        [hashtable] $Headers,

        [string] $ContentType = 'application/json; charset=utf-8',

        [string] $OutFile,

        [switch] $All
    )

    $connection = Get-RcConnection
    if ($PSVersionTable.PSEdition -ne 'Core') {
        # Windows PowerShell 5.1 may still default to TLS 1.0.
        [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
    }

    $requestHeaders = @{ Accept = 'application/json' }
    if ($Headers) {
        foreach ($key in $Headers.Keys) { $requestHeaders[$key] = $Headers[$key] }
    }
    if ($Method -eq 'Post' -and -not $requestHeaders.ContainsKey('Idempotency-Key')) {
        # One key per logical call: every retry below replays the same key, so the server answers a
        # retried POST from its idempotency store instead of acting twice.
        $requestHeaders['Idempotency-Key'] = [guid]::NewGuid().ToString()
    }
    $requestHeaders['Authorization'] = 'Bearer ' + [System.Net.NetworkCredential]::new('', $connection.Token).Password

    $payload = $null
    if ($PSBoundParameters.ContainsKey('Body')) {
        $payload = ConvertTo-RcRequestBody -Body $Body
    }

    $pageUri = $connection.ApiUri + $Path + (ConvertTo-RcQueryString -Query $Query)
    while ($pageUri) {
        $response = $null
        $attempt = 0
        while ($true) {
            $attempt++
            $request = @{
                Method          = $Method
                Uri             = $pageUri
                Headers         = $requestHeaders
                UseBasicParsing = $true
                ErrorAction     = 'Stop'
                Verbose         = $false
            }
            if ($null -ne $payload) {
                $request['Body'] = $payload
                $request['ContentType'] = $ContentType
            }
            if ($OutFile) { $request['OutFile'] = $OutFile }

            Write-Verbose ('{0} {1}' -f $Method.ToUpperInvariant(), $pageUri)
            try {
                $response = Invoke-RestMethod @request
                break
            }
            catch {
                $failure = Get-RcHttpFailure -ErrorRecord $_
                if ($failure.StatusCode -in @(429, 503) -and $attempt -le $connection.MaximumRetryCount) {
                    $delay = Get-RcRetryDelay -RetryAfterSeconds $failure.RetryAfterSeconds -Attempt $attempt
                    Write-Verbose ('HTTP {0}: retry {1} of {2} in {3} s' -f $failure.StatusCode, $attempt, $connection.MaximumRetryCount, $delay)
                    Start-Sleep -Seconds $delay
                    continue
                }
                $PSCmdlet.ThrowTerminatingError((ConvertTo-RcErrorRecord -Failure $failure -Method $Method -Path $Path))
            }
        }

        if ($OutFile) { return }
        if ($null -eq $response) { return }
        if ($response -is [string]) {
            if ($response.Length -gt 0) { $response }
            return
        }
        $isList = $null -ne $response.PSObject.Properties['value'] -and $null -eq $response.PSObject.Properties['id']
        if (-not $isList) {
            $response
            return
        }

        foreach ($item in $response.value) {
            if ($null -ne $item) { $item }
        }

        $nextLinkProperty = $response.PSObject.Properties['nextLink']
        $pageUri = $null
        if ($nextLinkProperty -and $nextLinkProperty.Value) {
            if ($All) {
                $pageUri = Resolve-RcNextLink -NextLink ([string]$nextLinkProperty.Value) -Connection $connection
            }
            else {
                Write-Warning ('More results are available from {0}. Use -All to get every page, or -Filter to narrow the list.' -f $Path)
            }
        }
    }
}
