function Add-RcCollectionMember {
    <#
    .SYNOPSIS
    Adds devices to a collection with direct membership rules.

    .DESCRIPTION
    Sends PUT /collections/{id}/members/{deviceId} for each device, which creates a direct rule
    (and does nothing when the device is already a direct member). Devices from the pipeline
    bind by their id. The device still has to be a member of the limiting collection to show
    up as a member.

    .PARAMETER CollectionId
    The collection to add the devices to.

    .PARAMETER DeviceId
    The devices' ids. Alias: Id.

    .EXAMPLE
    Get-RcDevice -Filter "startswith(name, 'HD-')" -All | Add-RcCollectionMember -CollectionId $helpdesk.id

    .EXAMPLE
    Add-RcCollectionMember -CollectionId $helpdesk.id -DeviceId $device.id -WhatIf
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType([void])]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $CollectionId,

        [Parameter(Mandatory, Position = 1, ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [string[]] $DeviceId
    )

    process {
        foreach ($id in $DeviceId) {
            if (-not $PSCmdlet.ShouldProcess("device $id", "Add to collection $CollectionId")) { continue }
            try {
                $null = Invoke-RcApi -Method Put -Path "/collections/$([uri]::EscapeDataString($CollectionId))/members/$([uri]::EscapeDataString($id))"
            }
            catch { $PSCmdlet.WriteError($_) }
        }
    }
}
