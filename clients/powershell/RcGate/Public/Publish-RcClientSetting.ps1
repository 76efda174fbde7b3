function Publish-RcClientSetting {
    <#
    .SYNOPSIS
    Deploys a client settings object to collections.

    .DESCRIPTION
    Sends PUT /client-settings/{id}/deployments/{collectionId} for each collection (deploying
    twice does nothing more). Every device in a collection the object is deployed to gets the
    object's Remote Tools settings, unless a deployed object with a higher priority (lower
    number) applies too. The Default Client Settings cannot be deployed. Outputs the
    deployment the server returns, if any.

    .PARAMETER ClientSettingId
    The client settings id. Aliases: Id, ClientSettingsId, SourceClientSettingsId.

    .PARAMETER CollectionId
    The collections to deploy to.

    .EXAMPLE
    Get-RcClientSetting -Name 'Helpdesk remote control' | Publish-RcClientSetting -CollectionId $helpdesk.id

    .EXAMPLE
    Publish-RcClientSetting -ClientSettingId $setting.id -CollectionId $pilot.id, $helpdesk.id -WhatIf
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('RcGate.ClientSettingDeployment')]
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
            if (-not $PSCmdlet.ShouldProcess("client settings $ClientSettingId", "Deploy to collection $collection")) { continue }
            try {
                Invoke-RcApi -Method Put -Path "/client-settings/$([uri]::EscapeDataString($ClientSettingId))/deployments/$([uri]::EscapeDataString($collection))" |
                    Add-RcTypeName -TypeName 'RcGate.ClientSettingDeployment'
            }
            catch { $PSCmdlet.WriteError($_) }
        }
    }
}
