function Start-RcSession {
    <#
    .SYNOPSIS
    Starts a Remote Control, Remote Assistance or Remote Desktop session on devices.

    .DESCRIPTION
    Requests a session with POST /sessions {deviceId, type, accessLevel, reason}. The server
    checks policy first; a refusal is an error whose FullyQualifiedErrorId starts with the
    problem code and whose TargetObject.reason names the rule (remoteControlDisabled,
    viewerNotPermitted, deviceOffline, deviceBusy, ...). When the settings prompt the logged-on
    user, the session starts in awaitingConsent; with -Wait the cmdlet polls GET
    /sessions/{id} until the user answers, then gets a viewer ticket with POST
    /sessions/{id}/viewer-ticket. Outputs the RcGate.Session; when a ticket was issued, its
    viewerTicket, viewerTicketExpiresAt, relayUrl and viewerUrl properties say how to join.

    With -WhatIf nothing is created: the cmdlet asks POST /sessions/check for the policy
    verdict, shows it in the What if message, and outputs the RcGate.SessionCheck object.
    -Confirm asks before each session.

    Devices, collection members and sessions from the pipeline bind their device id.

    .PARAMETER DeviceId
    Device ids. Alias: Id.

    .PARAMETER Type
    remoteControl (default), remoteAssistance or remoteDesktop.

    .PARAMETER ViewOnly
    Requests accessLevel viewOnly; without it the request is fullControl.

    .PARAMETER Reason
    Why you connect (a ticket number, say); kept in the audit trail.

    .PARAMETER Wait
    Waits for the user's consent, then gets the viewer ticket.

    .PARAMETER TimeoutSeconds
    How long -Wait waits for consent. Default 120.

    .EXAMPLE
    Start-RcSession -DeviceId $device.id -ViewOnly -Reason 'INC0012345' -Wait

    .EXAMPLE
    Get-RcCollectionMember -CollectionId $c | Start-RcSession -ViewOnly -WhatIf

    Shows the policy verdict for every member of the collection; starts nothing.

    .EXAMPLE
    Get-RcDevice -Name 'PC-0042' | Start-RcSession -Type remoteDesktop -Confirm
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('RcGate.Session', 'RcGate.SessionCheck')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [string[]] $DeviceId,

        [ValidateSet('remoteControl', 'remoteAssistance', 'remoteDesktop')]
        [string] $Type = 'remoteControl',

        [switch] $ViewOnly,

        [string] $Reason,

        [switch] $Wait,

        [ValidateRange(1, 3600)]
        [int] $TimeoutSeconds = 120
    )

    process {
        foreach ($id in $DeviceId) {
            $body = New-RcSessionRequest -DeviceId $id -Type $Type -ViewOnly:$ViewOnly -Reason $Reason
            $target = "device $id"
            $action = 'Start {0} session ({1})' -f $body['type'], $body['accessLevel']

            if ($WhatIfPreference) {
                # -WhatIf: ask the policy engine instead of creating anything.
                try {
                    $check = Invoke-RcApi -Method Post -Path '/sessions/check' -Body $body
                }
                catch {
                    $PSCmdlet.WriteError($_)
                    continue
                }
                $verdict = 'denied'
                if ($check.allowed) { $verdict = 'allowed' }
                elseif ($check.reason) { $verdict = 'denied ({0})' -f $check.reason }
                $null = $PSCmdlet.ShouldProcess($target, ('{0}; policy check: {1}' -f $action, $verdict))
                if (-not $check.PSObject.Properties['deviceId']) {
                    $check | Add-Member -NotePropertyName 'deviceId' -NotePropertyValue $id
                }
                $check | Add-RcTypeName -TypeName 'RcGate.SessionCheck'
                continue
            }

            if (-not $PSCmdlet.ShouldProcess($target, $action)) { continue }
            try {
                $session = Invoke-RcApi -Method Post -Path '/sessions' -Body $body | Add-RcTypeName -TypeName 'RcGate.Session'
                if ($Wait) {
                    $session = Wait-RcSessionConsent -Session $session -TimeoutSeconds $TimeoutSeconds
                }
                $session
            }
            catch { $PSCmdlet.WriteError($_) }
        }
    }
}
