function Get-RcResponseHeader {
    <#
    .SYNOPSIS
    Reads one header from an HTTP response of either PowerShell edition.

    .DESCRIPTION
    PowerShell 7's HttpResponseHeaders are read with TryGetValues; Windows PowerShell 5.1's
    WebHeaderCollection (and a plain hashtable) with the indexer. Returns $null when absent.

    .PARAMETER Response
    The response object (HttpResponseMessage or HttpWebResponse).

    .PARAMETER Name
    The header name.

    .EXAMPLE
    Get-RcResponseHeader -Response $response -Name 'Retry-After'
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [object] $Response,

        [Parameter(Mandatory)]
        [string] $Name
    )

    $headers = $Response.Headers
    if ($null -eq $headers) { return $null }
    if ($headers.PSObject.Methods['TryGetValues']) {
        $values = $null
        if ($headers.TryGetValues($Name, [ref] $values)) {
            return [string](@($values)[0])
        }
        return $null
    }
    $value = $headers[$Name]
    if ($null -eq $value) { return $null }
    [string](@($value)[0])
}
