function Wait-RcSessionConsent {
    <#
    .SYNOPSIS
    Waits until a session leaves awaitingConsent, then fetches the viewer ticket.

    .DESCRIPTION
    Polls GET /sessions/{id} every $script:RcPollIntervalSeconds seconds while the state is
    awaitingConsent. When the user consented (state ready or active) and the session has no
    viewerTicket yet, calls POST /sessions/{id}/viewer-ticket and copies the answer's fields
    (viewerTicket, viewerTicketExpiresAt, relayUrl, viewerUrl) onto the session, as POST
    /sessions returns them when no consent is needed. An ended session (consent denied or timed out) or the end of the wait is a
    terminating error whose id is the end reason (or 'consentWaitTimeout').

    .PARAMETER Session
    The session returned by POST /sessions.

    .PARAMETER TimeoutSeconds
    How long to wait for the user's answer.

    .EXAMPLE
    Wait-RcSessionConsent -Session $session -TimeoutSeconds 120
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [object] $Session,

        [Parameter(Mandatory)]
        [int] $TimeoutSeconds
    )

    $sessionId = [string]$Session.id
    $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ($Session.state -eq 'awaitingConsent') {
        if ([datetime]::UtcNow -ge $deadline) {
            $record = New-RcErrorRecord -Message ('The user did not answer the consent prompt for session {0} within {1} s.' -f $sessionId, $TimeoutSeconds) `
                -ErrorId 'consentWaitTimeout' -Category OperationTimeout -TargetObject $Session
            $PSCmdlet.ThrowTerminatingError($record)
        }
        Write-Verbose ('Session {0} is awaiting consent.' -f $sessionId)
        Start-Sleep -Seconds $script:RcPollIntervalSeconds
        $Session = Invoke-RcApi -Method Get -Path "/sessions/$([uri]::EscapeDataString($sessionId))" | Add-RcTypeName -TypeName 'RcGate.Session'
    }

    if ($Session.state -eq 'ended') {
        $endReason = [string]$Session.endReason
        if (-not $endReason) { $endReason = 'sessionEnded' }
        $category = 'OperationStopped'
        if ($endReason -eq 'consentDenied') { $category = 'PermissionDenied' }
        if ($endReason -eq 'consentTimeout') { $category = 'OperationTimeout' }
        $record = New-RcErrorRecord -Message ('Session {0} ended before it started: {1}.' -f $sessionId, $endReason) `
            -ErrorId $endReason -Category $category -TargetObject $Session
        $PSCmdlet.ThrowTerminatingError($record)
    }

    $ticketProperty = $Session.PSObject.Properties['viewerTicket']
    if (-not $ticketProperty -or $null -eq $ticketProperty.Value) {
        $ticket = Invoke-RcApi -Method Post -Path "/sessions/$([uri]::EscapeDataString($sessionId))/viewer-ticket"
        foreach ($property in @($ticket.PSObject.Properties | Where-Object { $_.Name -ne 'sessionId' })) {
            $Session | Add-Member -NotePropertyName $property.Name -NotePropertyValue $property.Value -Force
        }
    }
    $Session
}
