function ConvertTo-RcDeviceImportRow {
    <#
    .SYNOPSIS
    Turns one input row (CSV line, JSON object, hashtable or device) into an import record.

    .DESCRIPTION
    Keeps only the fields POST /devices/import accepts (name, siteCode, joinType, domain,
    workgroup, osName, osVersion, clientVersion, currentUser, ipAddresses), drops empty
    values, and splits an ipAddresses string ('10.0.0.5;10.0.0.6') into a list, so that rows
    from Import-Csv and objects from Get-RcDevice both work.

    .PARAMETER InputObject
    The row.

    .PARAMETER SiteCode
    Site code for rows that have none.

    .EXAMPLE
    Import-Csv .\devices.csv | ForEach-Object { ConvertTo-RcDeviceImportRow -InputObject $_ }
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param(
        [Parameter(Mandatory)]
        [object] $InputObject,

        [string] $SiteCode
    )

    $fields = @('name', 'siteCode', 'joinType', 'domain', 'workgroup', 'osName', 'osVersion', 'clientVersion', 'currentUser', 'ipAddresses')
    $row = [ordered]@{}
    foreach ($field in $fields) {
        if ($InputObject -is [System.Collections.IDictionary]) {
            $value = $InputObject[$field]
        }
        else {
            $property = $InputObject.PSObject.Properties[$field]
            $value = $null
            if ($property) { $value = $property.Value }
        }
        if ($null -eq $value -or ($value -is [string] -and $value.Trim().Length -eq 0)) { continue }
        if ($field -eq 'ipAddresses') {
            $value = @(@($value) | ForEach-Object { ([string]$_) -split '[;,\s]+' } | Where-Object { $_ })
        }
        $row[$field] = $value
    }
    if (-not $row.Contains('siteCode') -and $SiteCode) { $row['siteCode'] = $SiteCode }
    $row
}
