function Test-RcAuditChain {
    <#
    .SYNOPSIS
    Verifies the audit trail's hash chain.

    .DESCRIPTION
    Calls GET /audit-records/verify: the server recomputes the SHA-256 chain over every
    record and names the first broken record, if any. Outputs the verification result, or with
    -Quiet only $true (intact) or $false.

    .PARAMETER Quiet
    Returns only whether the chain is intact (the result's 'valid' field).

    .EXAMPLE
    Test-RcAuditChain

    .EXAMPLE
    if (-not (Test-RcAuditChain -Quiet)) { Write-Warning 'rcgate audit trail has been tampered with' }
    #>
    [CmdletBinding()]
    [OutputType('RcGate.AuditChainVerification', [bool])]
    param(
        [switch] $Quiet
    )

    try {
        $result = Invoke-RcApi -Method Get -Path '/audit-records/verify'
    }
    catch {
        $PSCmdlet.WriteError($_)
        return
    }
    if ($Quiet) { return [bool]$result.valid }
    $result | Add-RcTypeName -TypeName 'RcGate.AuditChainVerification'
}
