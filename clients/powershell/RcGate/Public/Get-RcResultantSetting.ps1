function Get-RcResultantSetting {
    <#
    .SYNOPSIS
    Gets the Remote Tools settings that apply to devices.

    .DESCRIPTION
    Calls GET /devices/{id}/resultant-settings: the Remote Tools group of the highest-priority
    client settings object deployed to a collection that holds the device, or of the Default
    Client Settings, with the id of the object it came from. Devices and sessions from the
    pipeline bind their device id. Outputs RcGate.ResultantSetting objects carrying deviceId.

    .PARAMETER DeviceId
    Device ids. Alias: Id.

    .EXAMPLE
    Get-RcDevice -Filter "joinType eq 'workgroup'" -All | Get-RcResultantSetting

    What every workgroup device is allowed.

    .EXAMPLE
    (Get-RcResultantSetting -DeviceId $device.id).remoteTools.permittedViewers
    #>
    [CmdletBinding()]
    [OutputType('RcGate.ResultantSetting')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [string[]] $DeviceId
    )

    process {
        foreach ($id in $DeviceId) {
            try {
                $result = Invoke-RcApi -Method Get -Path "/devices/$([uri]::EscapeDataString($id))/resultant-settings"
                if ($null -eq $result) { continue }
                if (-not $result.PSObject.Properties['deviceId']) {
                    $result | Add-Member -NotePropertyName 'deviceId' -NotePropertyValue $id
                }
                $result | Add-RcTypeName -TypeName 'RcGate.ResultantSetting'
            }
            catch { $PSCmdlet.WriteError($_) }
        }
    }
}
