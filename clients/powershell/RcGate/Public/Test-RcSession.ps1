function Test-RcSession {
    <#
    .SYNOPSIS
    Checks whether policy would let you start a session on devices, without starting one.

    .DESCRIPTION
    Calls POST /sessions/check, which runs the same policy as Start-RcSession (scope, role,
    resultant Remote Tools settings, session type, access level, device online, unattended,
    busy) and returns {allowed, reason, rules: [{rule, passed, detail}]}. Nothing is created.
    Devices and sessions from the pipeline bind their device id. Outputs RcGate.SessionCheck
    objects carrying deviceId, or with -Quiet only $true or $false.

    .PARAMETER DeviceId
    Device ids. Alias: Id.

    .PARAMETER Type
    remoteControl (default), remoteAssistance or remoteDesktop.

    .PARAMETER ViewOnly
    Checks a view-only request instead of full control.

    .PARAMETER Reason
    The reason you would give.

    .PARAMETER Quiet
    Returns only whether the session would be allowed.

    .EXAMPLE
    Test-RcSession -DeviceId $device.id -Type remoteAssistance

    .EXAMPLE
    Get-RcCollectionMember -CollectionId $c.id -All | Test-RcSession -ViewOnly | Where-Object { -not $_.allowed }

    The members where a view-only session would be refused, with the reason.

    .EXAMPLE
    (Test-RcSession -DeviceId $device.id).rules | Format-Table rule, passed, detail
    #>
    [CmdletBinding()]
    [OutputType('RcGate.SessionCheck', [bool])]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [string[]] $DeviceId,

        [ValidateSet('remoteControl', 'remoteAssistance', 'remoteDesktop')]
        [string] $Type = 'remoteControl',

        [switch] $ViewOnly,

        [string] $Reason,

        [switch] $Quiet
    )

    process {
        foreach ($id in $DeviceId) {
            $body = New-RcSessionRequest -DeviceId $id -Type $Type -ViewOnly:$ViewOnly -Reason $Reason
            try {
                $check = Invoke-RcApi -Method Post -Path '/sessions/check' -Body $body
            }
            catch {
                $PSCmdlet.WriteError($_)
                continue
            }
            if ($Quiet) {
                [bool]$check.allowed
                continue
            }
            if (-not $check.PSObject.Properties['deviceId']) {
                $check | Add-Member -NotePropertyName 'deviceId' -NotePropertyValue $id
            }
            $check | Add-RcTypeName -TypeName 'RcGate.SessionCheck'
        }
    }
}
