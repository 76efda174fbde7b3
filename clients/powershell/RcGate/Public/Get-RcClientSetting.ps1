function Get-RcClientSetting {
    <#
    .SYNOPSIS
    Gets client settings objects (the Remote Tools group).

    .DESCRIPTION
    Lists client settings (GET /client-settings), gets them by id (GET /client-settings/{id},
    'default' is the Default Client Settings) or by name. Each object has a priority (1 is
    highest; the default object is 10000), an etag, and a remoteTools group (null when a
    custom object does not configure Remote Tools). From the pipeline, -ClientSettingId binds
    a clientSettingsId (deployments), a sourceClientSettingsId (resultant settings) or else an
    id (client settings objects). Outputs RcGate.ClientSetting objects.

    .PARAMETER ClientSettingId
    Client settings ids. Aliases: Id, ClientSettingsId, SourceClientSettingsId.

    .PARAMETER Name
    Client settings names; a name ending in '*' matches by prefix.

    .PARAMETER Filter
    A filter expression over client settings fields, such as "priority lt 100".

    .PARAMETER OrderBy
    Sort order, such as 'priority'.

    .PARAMETER Top
    Page size (1-1000; the server's default is 100).

    .PARAMETER All
    Gets every page instead of the first.

    .EXAMPLE
    Get-RcClientSetting -All | Sort-Object priority

    .EXAMPLE
    (Get-RcClientSetting -ClientSettingId default).remoteTools

    The Remote Tools settings every device gets when no custom object applies.

    .EXAMPLE
    Get-RcDevice -Name 'PC-0042' | Get-RcResultantSetting | Get-RcClientSetting

    The client settings object a device's Remote Tools settings come from.
    #>
    [CmdletBinding(DefaultParameterSetName = 'List')]
    [OutputType('RcGate.ClientSetting')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'ById', ValueFromPipelineByPropertyName)]
        [Alias('ClientSettingsId', 'SourceClientSettingsId', 'Id')]
        [ValidateNotNullOrEmpty()]
        [string[]] $ClientSettingId,

        [Parameter(Mandatory, Position = 0, ParameterSetName = 'ByName')]
        [SupportsWildcards()]
        [ValidateNotNullOrEmpty()]
        [string[]] $Name,

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
        switch ($PSCmdlet.ParameterSetName) {
            'ById' {
                foreach ($id in $ClientSettingId) {
                    try {
                        Invoke-RcApi -Method Get -Path "/client-settings/$([uri]::EscapeDataString($id))" | Add-RcTypeName -TypeName 'RcGate.ClientSetting'
                    }
                    catch { $PSCmdlet.WriteError($_) }
                }
            }
            'ByName' {
                foreach ($settingName in $Name) {
                    try {
                        $found = @(Invoke-RcApi -Method Get -Path '/client-settings' -Query @{ filter = (ConvertTo-RcNameFilter -Name $settingName) } -All |
                                Add-RcTypeName -TypeName 'RcGate.ClientSetting')
                        if ($found.Count -eq 0 -and -not (Test-RcNamePrefix -Name $settingName)) {
                            $PSCmdlet.WriteError((New-RcErrorRecord -Message ("No client settings named '{0}'." -f $settingName) `
                                        -ErrorId 'clientSettingsNotFound' -Category ObjectNotFound -TargetObject $settingName))
                        }
                        $found
                    }
                    catch { $PSCmdlet.WriteError($_) }
                }
            }
            default {
                try {
                    Invoke-RcApi -Method Get -Path '/client-settings' -Query @{
                        filter  = $Filter
                        orderby = $OrderBy
                        top     = $PSBoundParameters['Top']
                    } -All:$All | Add-RcTypeName -TypeName 'RcGate.ClientSetting'
                }
                catch { $PSCmdlet.WriteError($_) }
            }
        }
    }
}
