function Unpublish-RcClientSetting {
    <#
    .SYNOPSIS
    Removes a client settings object's deployment from collections.

    .DESCRIPTION
    Sends DELETE /client-settings/{id}/deployments/{collectionId} for each collection. The
    collection's devices then get their Remote Tools settings from the next deployed object
    by priority, or from the Default Client Settings.

    .PARAMETER ClientSettingId
    The client settings id. Aliases: Id, ClientSettingsId, SourceClientSettingsId.

    .PARAMETER CollectionId
    The collections to remove the deployment from.

    .EXAMPLE
    Unpublish-RcClientSetting -ClientSettingId $setting.id -CollectionId $pilot.id

    .EXAMPLE
    Get-RcClientSetting -Name 'Pilot*' | Unpublish-RcClientSetting -CollectionId $pilot.id -WhatIf
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType([void])]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('ClientSettingsId', 'SourceClientSettingsId', 'Id')]
        [ValidateNotNullOrEmpty()]
        [string] $ClientSettingId,

        [Parameter(Mandatory, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string[]] $CollectionId
    )

    process {
        foreach ($collection in $CollectionId) {
            if (-not $PSCmdlet.ShouldProcess("client settings $ClientSettingId", "Remove deployment from collection $collection")) { continue }
            try {
                $null = Invoke-RcApi -Method Delete -Path "/client-settings/$([uri]::EscapeDataString($ClientSettingId))/deployments/$([uri]::EscapeDataString($collection))"
            }
            catch { $PSCmdlet.WriteError($_) }
        }
    }
}
