function Get-RcSession {
    <#
    .SYNOPSIS
    Gets remote sessions.

    .DESCRIPTION
    Lists sessions (GET /sessions), narrowed by device, viewer, state, type or a filter, or
    gets sessions by id (GET /sessions/{id}). Sessions from the pipeline bind their id.
    Outputs RcGate.Session objects (state awaitingConsent, ready, active or ended, with the
    endReason once ended).

    .PARAMETER SessionId
    Session ids. Alias: Id.

    .PARAMETER DeviceId
    Lists the sessions of this device.

    .PARAMETER Viewer
    Lists the sessions of this principal, such as CONTOSO\alice.

    .PARAMETER State
    awaitingConsent, ready, active or ended.

    .PARAMETER Type
    remoteControl, remoteAssistance or remoteDesktop.

    .PARAMETER Filter
    A filter expression over session fields, such as "createdAt ge '2026-11-01T00:00:00.000Z'".

    .PARAMETER OrderBy
    Sort order, such as 'createdAt desc'.

    .PARAMETER Top
    Page size (1-1000; the server's default is 100).

    .PARAMETER All
    Gets every page instead of the first.

    .EXAMPLE
    Get-RcSession -State active -All

    .EXAMPLE
    Get-RcSession -DeviceId $device.id -OrderBy 'createdAt desc' -Top 5
    #>
    [CmdletBinding(DefaultParameterSetName = 'List')]
    [OutputType('RcGate.Session')]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'ById', ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [string[]] $SessionId,

        [Parameter(ParameterSetName = 'List')]
        [string] $DeviceId,

        [Parameter(ParameterSetName = 'List')]
        [string] $Viewer,

        [Parameter(ParameterSetName = 'List')]
        [ValidateSet('awaitingConsent', 'ready', 'active', 'ended')]
        [string] $State,

        [Parameter(ParameterSetName = 'List')]
        [ValidateSet('remoteControl', 'remoteAssistance', 'remoteDesktop')]
        [string] $Type,

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
        if ($PSCmdlet.ParameterSetName -eq 'ById') {
            foreach ($id in $SessionId) {
                try {
                    Invoke-RcApi -Method Get -Path "/sessions/$([uri]::EscapeDataString($id))" | Add-RcTypeName -TypeName 'RcGate.Session'
                }
                catch { $PSCmdlet.WriteError($_) }
            }
            return
        }
        # ValidateSet accepts any case; the API wants its camelCase spelling.
        if ($State) { $State = @('awaitingConsent', 'ready', 'active', 'ended') | Where-Object { $_ -eq $State } }
        if ($Type) { $Type = @('remoteControl', 'remoteAssistance', 'remoteDesktop') | Where-Object { $_ -eq $Type } }
        try {
            Invoke-RcApi -Method Get -Path '/sessions' -Query @{
                deviceId = $DeviceId
                viewer   = $Viewer
                state    = $State
                type     = $Type
                filter   = $Filter
                orderby  = $OrderBy
                top      = $PSBoundParameters['Top']
            } -All:$All | Add-RcTypeName -TypeName 'RcGate.Session'
        }
        catch { $PSCmdlet.WriteError($_) }
    }
}
