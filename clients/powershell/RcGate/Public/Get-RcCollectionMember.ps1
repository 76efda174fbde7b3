function Get-RcCollectionMember {
    <#
    .SYNOPSIS
    Gets the devices that are members of a collection.

    .DESCRIPTION
    Lists GET /collections/{id}/members: the first page, or every page with -All. The members
    are RcGate.Device objects, so they pipe on to device cmdlets: their id binds to -DeviceId
    of Start-RcSession, Test-RcSession and Get-RcResultantSetting. Collections piped in bind
    their id to -CollectionId.

    .PARAMETER CollectionId
    The collection's id. Alias: Id.

    .PARAMETER Filter
    A filter expression over device fields, applied to the members.

    .PARAMETER Top
    Page size (1-1000; the server's default is 100).

    .PARAMETER All
    Gets every page instead of the first.

    .EXAMPLE
    Get-RcCollectionMember -CollectionId $c | Start-RcSession -ViewOnly -WhatIf

    Shows, for every member, whether policy would allow a view-only session; starts nothing.

    .EXAMPLE
    Get-RcCollection -Name 'Helpdesk PCs' | Get-RcCollectionMember -All
    #>
    [CmdletBinding()]
    [OutputType('RcGate.Device')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [string] $CollectionId,

        [string] $Filter,

        [ValidateRange(1, 1000)]
        [int] $Top,

        [switch] $All
    )

    process {
        try {
            Invoke-RcApi -Method Get -Path "/collections/$([uri]::EscapeDataString($CollectionId))/members" -Query @{
                filter = $Filter
                top    = $PSBoundParameters['Top']
            } -All:$All | Add-RcTypeName -TypeName 'RcGate.Device'
        }
        catch { $PSCmdlet.WriteError($_) }
    }
}
