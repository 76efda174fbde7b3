function ConvertTo-RcDateString {
    <#
    .SYNOPSIS
    Formats a date as the API's RFC 3339 UTC form, 2026-11-24T10:00:00.000Z.

    .DESCRIPTION
    Converts local times to UTC first. ConvertTo-Json in Windows PowerShell 5.1 would write
    '\/Date(...)\/' instead, so bodies and queries carry dates as these strings.

    .PARAMETER Date
    The date to format.

    .EXAMPLE
    ConvertTo-RcDateString -Date (Get-Date).AddDays(30)
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [datetime] $Date
    )

    $Date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [System.Globalization.CultureInfo]::InvariantCulture)
}
