function Get-RcAuditRecord {
    <#
    .SYNOPSIS
    Gets records from the append-only audit trail.

    .DESCRIPTION
    Lists audit records (GET /audit-records), narrowed by event type, actor, session, device,
    time window or a filter, or gets records by sequence number (GET /audit-records/{seq}).
    Event types include sessionRequested, sessionDenied, consentGranted, consentDenied,
    ticketIssued, ticketRejected, sessionStarted, sessionEnded, clientSettingsChanged,
    clientSettingsDeployed, tokenCreated and authenticationFailed. Outputs RcGate.AuditRecord
    objects.

    .PARAMETER Sequence
    Sequence numbers (seq) of the records. Alias: Seq.

    .PARAMETER Type
    The event type, such as sessionDenied.

    .PARAMETER Actor
    The principal that acted, such as CONTOSO\alice.

    .PARAMETER SessionId
    Records about this session.

    .PARAMETER DeviceId
    Records about this device.

    .PARAMETER From
    Records that occurred at or after this time.

    .PARAMETER To
    Records that occurred before this time.

    .PARAMETER Filter
    A filter expression over audit record fields.

    .PARAMETER OrderBy
    Sort order, such as 'seq desc'.

    .PARAMETER Top
    Page size (1-1000; the server's default is 100).

    .PARAMETER All
    Gets every page instead of the first.

    .EXAMPLE
    Get-RcAuditRecord -Type sessionDenied -From (Get-Date).AddDays(-1) -All

    Every refused session request of the last 24 hours.

    .EXAMPLE
    Get-RcAuditRecord -SessionId $session.id -All | Format-Table seq, occurredAt, type, actor
    #>
    [CmdletBinding(DefaultParameterSetName = 'List')]
    [OutputType('RcGate.AuditRecord')]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'BySequence', ValueFromPipelineByPropertyName)]
        [Alias('Seq')]
        [ValidateScript({ $_ -ge 1 })]
        [long[]] $Sequence,

        [Parameter(ParameterSetName = 'List')]
        [string] $Type,

        [Parameter(ParameterSetName = 'List')]
        [string] $Actor,

        [Parameter(ParameterSetName = 'List')]
        [string] $SessionId,

        [Parameter(ParameterSetName = 'List')]
        [string] $DeviceId,

        [Parameter(ParameterSetName = 'List')]
        [datetime] $From,

        [Parameter(ParameterSetName = 'List')]
        [datetime] $To,

        [Parameter(ParameterSetName = 'List')]
        [string] $Filter,

        [Parameter(ParameterSetName = 'List')]
        [string] $OrderBy,

        [Parameter(ParameterSetName = 'List')]
        [ValidateRange(1, 1000)]
        [int] $Top,

        [Parameter(ParameterSetName = 'List')]
        [switch] $All
    )

    process {
        if ($PSCmdlet.ParameterSetName -eq 'BySequence') {
            foreach ($seq in $Sequence) {
                try {
                    Invoke-RcApi -Method Get -Path "/audit-records/$seq" | Add-RcTypeName -TypeName 'RcGate.AuditRecord'
                }
                catch { $PSCmdlet.WriteError($_) }
            }
            return
        }
        try {
            Invoke-RcApi -Method Get -Path '/audit-records' -Query @{
                type      = $Type
                actor     = $Actor
                sessionId = $SessionId
                deviceId  = $DeviceId
                from      = $PSBoundParameters['From']
                to        = $PSBoundParameters['To']
                filter    = $Filter
                orderby   = $OrderBy
                top       = $PSBoundParameters['Top']
            } -All:$All | Add-RcTypeName -TypeName 'RcGate.AuditRecord'
        }
        catch { $PSCmdlet.WriteError($_) }
    }
}
