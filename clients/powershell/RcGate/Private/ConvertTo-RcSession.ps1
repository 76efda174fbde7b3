function ConvertTo-RcSession {
    <#
    .SYNOPSIS
    Normalises the answer of POST /sessions to one RcGate.Session object.

    .DESCRIPTION
    Accepts either the session itself (with an optional viewerTicket field) or an envelope
    {session, viewerTicket}, and returns the session with viewerTicket as a property when the
    server issued one.

    .PARAMETER Response
    The response body of POST /sessions.

    .EXAMPLE
    ConvertTo-RcSession -Response (Invoke-RcApi -Method Post -Path '/sessions' -Body $body)
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [object] $Response
    )

    $session = $Response
    $sessionProperty = $Response.PSObject.Properties['session']
    if ($sessionProperty -and $null -ne $sessionProperty.Value) {
        $session = $sessionProperty.Value
        $ticketProperty = $Response.PSObject.Properties['viewerTicket']
        if ($ticketProperty -and $null -ne $ticketProperty.Value) {
            $session | Add-Member -NotePropertyName 'viewerTicket' -NotePropertyValue $ticketProperty.Value -Force
        }
    }
    $session | Add-RcTypeName -TypeName 'RcGate.Session'
}
