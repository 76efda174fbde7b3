function Import-RcDevice {
    <#
    .SYNOPSIS
    Creates devices in bulk.

    .DESCRIPTION
    Sends devices to POST /devices/import as JSON arrays of up to -BatchSize records; the
    server stores each batch all or nothing. Input comes from the pipeline (rows from
    Import-Csv, objects from ConvertFrom-Json or Get-RcDevice, hashtables) or from a .csv,
    .json or .ndjson file given with -Path. Only the import fields are sent (name, siteCode,
    joinType, domain, workgroup, osName, osVersion, clientVersion, currentUser, ipAddresses);
    an ipAddresses string is split at ';', ',' or spaces. Outputs the created devices (id,
    name, siteCode) as RcGate.Device objects, in input order.

    .PARAMETER InputObject
    Device records from the pipeline.

    .PARAMETER Path
    A .csv, .json (an array) or .ndjson (one object per line) file of device records.

    .PARAMETER SiteCode
    Site code for records that have none.

    .PARAMETER BatchSize
    Records per request, 1-10000. Default 1000.

    .EXAMPLE
    Import-Csv .\workgroup-pcs.csv | Import-RcDevice -SiteCode PS1

    Imports a CSV with the columns name, joinType, workgroup, osName and ipAddresses.

    .EXAMPLE
    Import-RcDevice -Path .\devices.ndjson -WhatIf

    Shows how many devices would be imported, without sending them.
    #>
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'InputObject')]
    [OutputType('RcGate.Device')]
    param(
        [Parameter(Mandatory, ValueFromPipeline, ParameterSetName = 'InputObject')]
        [object[]] $InputObject,

        [Parameter(Mandatory, Position = 0, ParameterSetName = 'Path')]
        [ValidateNotNullOrEmpty()]
        [string] $Path,

        [string] $SiteCode,

        [ValidateRange(1, 10000)]
        [int] $BatchSize = 1000
    )

    begin {
        $records = [System.Collections.ArrayList]::new()
    }

    process {
        if ($PSCmdlet.ParameterSetName -eq 'Path') {
            $filePath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
            switch -Regex ([System.IO.Path]::GetExtension($filePath)) {
                '^\.csv$' { $rows = Import-Csv -LiteralPath $filePath }
                '^\.ndjson$' {
                    $rows = Get-Content -LiteralPath $filePath -Encoding UTF8 | Where-Object { $_.Trim() } | ForEach-Object { ConvertFrom-Json -InputObject $_ }
                }
                default { $rows = ConvertFrom-Json -InputObject (Get-Content -LiteralPath $filePath -Raw -Encoding UTF8) }
            }
        }
        else {
            $rows = $InputObject
        }
        foreach ($row in @($rows)) {
            if ($null -ne $row) { $null = $records.Add((ConvertTo-RcDeviceImportRow -InputObject $row -SiteCode $SiteCode)) }
        }
    }

    end {
        for ($offset = 0; $offset -lt $records.Count; $offset += $BatchSize) {
            $count = [Math]::Min($BatchSize, $records.Count - $offset)
            $batch = $records.GetRange($offset, $count).ToArray()
            $target = '{0} devices (records {1}-{2})' -f $count, ($offset + 1), ($offset + $count)
            if (-not $PSCmdlet.ShouldProcess($target, 'Import')) { continue }
            try {
                # The answer is {created, value: [devices]}; Invoke-RcApi yields its value items.
                Invoke-RcApi -Method Post -Path '/devices/import' -Body $batch | Add-RcTypeName -TypeName 'RcGate.Device'
            }
            catch { $PSCmdlet.WriteError($_) }
        }
    }
}
