function New-RcClientSetting {
    <#
    .SYNOPSIS
    Creates a custom client settings object for Remote Tools.

    .DESCRIPTION
    Sends POST /client-settings. Settings left out of -RemoteTools take the defaults of the
    Default Client Settings; -RemoteTools $null creates an object that does not configure
    Remote Tools at all. The object applies to nothing until it is deployed with
    Publish-RcClientSetting. Outputs the new RcGate.ClientSetting.

    Remote Tools settings (wire names): enableRemoteControl, firewallExceptionProfiles,
    usersCanChangeSettings, allowUnattendedComputer, promptUserForPermission,
    promptUserForClipboardPermission, grantPermissionToLocalAdministrators, accessLevel
    (noAccess, viewOnly, fullControl), permittedViewers, showNotificationIcon,
    showConnectionBar, playSound (never, beginningAndEnd, repeatedly),
    manageUnsolicitedRemoteAssistance, manageSolicitedRemoteAssistance,
    remoteAssistanceAccessLevel (none, remoteViewing, fullControl), manageRemoteDesktop,
    allowPermittedViewersRemoteDesktop, requireNetworkLevelAuthentication.

    .PARAMETER Name
    The object's name.

    .PARAMETER Description
    A description.

    .PARAMETER Priority
    1 (highest) to 9999, unique among custom objects. The server picks one when omitted.

    .PARAMETER RemoteTools
    The Remote Tools settings: a hashtable or object with the wire names above, or $null.

    .EXAMPLE
    New-RcClientSetting -Name 'Helpdesk remote control' -Priority 10 -RemoteTools @{
        enableRemoteControl = $true
        permittedViewers    = @('CONTOSO\Helpdesk')
        accessLevel         = 'fullControl'
    }
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low')]
    [OutputType('RcGate.ClientSetting')]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,

        [string] $Description,

        [ValidateRange(1, 9999)]
        [int] $Priority,

        [AllowNull()]
        [object] $RemoteTools
    )

    $body = [ordered]@{ name = $Name }
    if ($PSBoundParameters.ContainsKey('Description')) { $body['description'] = $Description }
    if ($PSBoundParameters.ContainsKey('Priority')) { $body['priority'] = $Priority }
    if ($PSBoundParameters.ContainsKey('RemoteTools')) { $body['remoteTools'] = $RemoteTools }

    if (-not $PSCmdlet.ShouldProcess($Name, 'Create client settings')) { return }
    try {
        Invoke-RcApi -Method Post -Path '/client-settings' -Body $body | Add-RcTypeName -TypeName 'RcGate.ClientSetting'
    }
    catch { $PSCmdlet.WriteError($_) }
}
