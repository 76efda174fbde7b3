function Remove-RcCollectionMember {
    <#
    .SYNOPSIS
    Removes devices' direct membership rules from a collection.

    .DESCRIPTION
    Sends DELETE /collections/{id}/members/{deviceId} for each device. This removes the direct
    rule only: a device that a query or include rule also matches stays a member. Devices
    from the pipeline bind by their id.

    .PARAMETER CollectionId
    The collection to remove the devices from.

    .PARAMETER DeviceId
    The devices' ids. Alias: Id.

    .EXAMPLE
    Get-RcCollectionMember -CollectionId $pilot.id -All | Remove-RcCollectionMember -CollectionId $pilot.id

    .EXAMPLE
    Remove-RcCollectionMember -CollectionId $pilot.id -DeviceId $device.id -Confirm
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
            if (-not $PSCmdlet.ShouldProcess("device $id", "Remove from collection $CollectionId")) { continue }
            try {
                $null = Invoke-RcApi -Method Delete -Path "/collections/$([uri]::EscapeDataString($CollectionId))/members/$([uri]::EscapeDataString($id))"
            }
            catch { $PSCmdlet.WriteError($_) }
        }
    }
}
