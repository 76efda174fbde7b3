function Stop-RcSession {
    <#
    .SYNOPSIS
    Ends remote sessions.

    .DESCRIPTION
    Sends POST /sessions/{id}/end for each session. The relay closes both sides and the
    session ends with endReason endedByAdministrator; ending a session that has already ended
    changes nothing. Sessions from the pipeline bind their id. Outputs the ended sessions with
    -PassThru.

    .PARAMETER SessionId
    Session ids. Alias: Id.

    .PARAMETER PassThru
    Outputs the ended sessions.

    .EXAMPLE
    Get-RcSession -State active -DeviceId $device.id | Stop-RcSession

    .EXAMPLE
    Stop-RcSession -SessionId $session.id -Confirm:$false -PassThru
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('RcGate.Session')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [string[]] $SessionId,

        [switch] $PassThru
    )

    process {
        foreach ($id in $SessionId) {
            if (-not $PSCmdlet.ShouldProcess("session $id", 'End session')) { continue }
            try {
                $ended = Invoke-RcApi -Method Post -Path "/sessions/$([uri]::EscapeDataString($id))/end"
                if ($PassThru) { $ended | Add-RcTypeName -TypeName 'RcGate.Session' }
            }
            catch { $PSCmdlet.WriteError($_) }
        }
    }
}
