function Export-RcAuditRecord {
    <#
    .SYNOPSIS
    Saves the audit trail to a CSV or NDJSON file.

    .DESCRIPTION
    Streams GET /audit-records/export?format=csv (or ndjson) into the file, as the server
    writes it, so that large trails need no memory. Overwrites an existing file unless
    -NoClobber is given. Outputs the file with -PassThru.

    .PARAMETER Path
    The file to write.

    .PARAMETER Format
    Csv (default) or Ndjson (one JSON record per line).

    .PARAMETER NoClobber
    Refuses to overwrite an existing file.

    .PARAMETER PassThru
    Outputs the file as a FileInfo object.

    .EXAMPLE
    Export-RcAuditRecord -Path .\audit.csv

    .EXAMPLE
    Export-RcAuditRecord -Path "\\archive\rcgate\audit-$(Get-Date -Format yyyyMMdd).ndjson" -Format Ndjson -PassThru
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low')]
    [OutputType([System.IO.FileInfo])]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $Path,

        [ValidateSet('Csv', 'Ndjson')]
        [string] $Format = 'Csv',

        [switch] $NoClobber,

        [switch] $PassThru
    )

    $filePath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
    if ($NoClobber -and (Test-Path -LiteralPath $filePath)) {
        $record = New-RcErrorRecord -Message ("The file '{0}' already exists and -NoClobber was given." -f $filePath) `
            -ErrorId 'fileExists' -Category ResourceExists -TargetObject $filePath
        $PSCmdlet.ThrowTerminatingError($record)
    }
    $formatName = $Format.ToLowerInvariant()
    $accept = 'text/csv'
    if ($formatName -eq 'ndjson') { $accept = 'application/x-ndjson' }

    if (-not $PSCmdlet.ShouldProcess($filePath, "Export audit records as $Format")) { return }
    try {
        Invoke-RcApi -Method Get -Path '/audit-records/export' -Query @{ format = $formatName } -Headers @{ Accept = $accept } -OutFile $filePath
    }
    catch {
        $PSCmdlet.WriteError($_)
        return
    }
    if ($PassThru) { Get-Item -LiteralPath $filePath }
}
