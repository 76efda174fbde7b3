function ConvertTo-RcQueryString {
    <#
    .SYNOPSIS
    Builds a URI query string ('?a=1&b=2') from a hashtable.

    .DESCRIPTION
    Leaves out entries whose value is $null or an empty string, so that callers can pass
    unbound parameters straight through. Dates become RFC 3339 UTC strings, booleans 'true' or
    'false'. Keys are sorted so that URIs are stable.

    .PARAMETER Query
    The query parameters.

    .EXAMPLE
    ConvertTo-RcQueryString -Query @{ filter = "name eq 'PC-001'"; top = 50 }
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [hashtable] $Query
    )

    if (-not $Query) { return '' }
    $pairs = foreach ($key in @($Query.Keys | Sort-Object)) {
        $value = $Query[$key]
        if ($null -eq $value -or ($value -is [string] -and $value.Length -eq 0)) { continue }
        if ($value -is [datetime]) { $value = ConvertTo-RcDateString -Date $value }
        if ($value -is [bool]) { $value = $value.ToString().ToLowerInvariant() }
        '{0}={1}' -f [uri]::EscapeDataString([string]$key), [uri]::EscapeDataString([string]$value)
    }
    if (@($pairs).Count -eq 0) { return '' }
    '?' + (@($pairs) -join '&')
}
