function Set-RcClientSetting {
    <#
    .SYNOPSIS
    Changes a client settings object.

    .DESCRIPTION
    Sends PATCH /client-settings/{id} with If-Match set from the object's etag. A partial
    -RemoteTools changes only the settings it names; the others keep their values. Pipe the
    object from Get-RcClientSetting so that its etag binds to -ETag: when someone changed it
    in the meantime the server refuses the change (412) and nothing is overwritten. Without an
    etag the cmdlet reads the object first and uses the etag it gets. Outputs the changed
    object with -PassThru.

    .PARAMETER ClientSettingId
    The client settings id. Aliases: Id, ClientSettingsId, SourceClientSettingsId.

    .PARAMETER ETag
    The etag of the object as read; sent as If-Match.

    .PARAMETER Name
    The new name.

    .PARAMETER Description
    The new description.

    .PARAMETER RemoteTools
    Remote Tools settings to change (a hashtable or object using the wire names, see
    New-RcClientSetting), or $null to stop configuring Remote Tools.

    .PARAMETER PassThru
    Outputs the changed object.

    .EXAMPLE
    Get-RcClientSetting -Name 'Helpdesk remote control' | Set-RcClientSetting -RemoteTools @{ promptUserForPermission = $false }

    .EXAMPLE
    Set-RcClientSetting -ClientSettingId default -RemoteTools @{ enableRemoteControl = $true } -PassThru
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('RcGate.ClientSetting')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('ClientSettingsId', 'SourceClientSettingsId', 'Id')]
        [ValidateNotNullOrEmpty()]
        [string] $ClientSettingId,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $ETag,

        [ValidateNotNullOrEmpty()]
        [string] $Name,

        [string] $Description,

        [AllowNull()]
        [object] $RemoteTools,

        [switch] $PassThru
    )

    process {
        $body = [ordered]@{}
        if ($PSBoundParameters.ContainsKey('Name')) { $body['name'] = $Name }
        if ($PSBoundParameters.ContainsKey('Description')) { $body['description'] = $Description }
        if ($PSBoundParameters.ContainsKey('RemoteTools')) { $body['remoteTools'] = $RemoteTools }
        if ($body.Count -eq 0) {
            $PSCmdlet.WriteError((New-RcErrorRecord -Message 'Nothing to change: give -Name, -Description or -RemoteTools.' `
                        -ErrorId 'noChangesSpecified' -Category InvalidArgument -TargetObject $ClientSettingId))
            return
        }

        if (-not $PSCmdlet.ShouldProcess("client settings $ClientSettingId", 'Change ' + ($body.Keys -join ', '))) { return }
        try {
            $currentETag = $ETag
            if (-not $currentETag) {
                Write-Verbose 'No etag given: reading the object to get its current etag.'
                $currentETag = (Invoke-RcApi -Method Get -Path "/client-settings/$([uri]::EscapeDataString($ClientSettingId))").etag
            }
            $headers = @{ 'If-Match' = ConvertTo-RcIfMatch -ETag $currentETag }
            $changed = Invoke-RcApi -Method Patch -Path "/client-settings/$([uri]::EscapeDataString($ClientSettingId))" -Body $body -Headers $headers
            if ($PassThru) { $changed | Add-RcTypeName -TypeName 'RcGate.ClientSetting' }
        }
        catch { $PSCmdlet.WriteError($_) }
    }
}
