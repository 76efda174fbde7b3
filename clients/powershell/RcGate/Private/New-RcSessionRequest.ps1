function New-RcSessionRequest {
    <#
    .SYNOPSIS
    Builds the body shared by POST /sessions and POST /sessions/check.

    .DESCRIPTION
    Returns {deviceId, type, accessLevel, reason?} with the type in the API's camelCase
    spelling whatever the case typed, and accessLevel viewOnly or fullControl.

    .PARAMETER DeviceId
    The device id.

    .PARAMETER Type
    remoteControl, remoteAssistance or remoteDesktop, in any case.

    .PARAMETER ViewOnly
    Requests accessLevel viewOnly instead of fullControl.

    .PARAMETER Reason
    The operator's reason, kept in the audit trail.

    .EXAMPLE
    New-RcSessionRequest -DeviceId $id -Type remotecontrol -ViewOnly
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param(
        [Parameter(Mandatory)]
        [string] $DeviceId,

        [Parameter(Mandatory)]
        [string] $Type,

        [switch] $ViewOnly,

        [string] $Reason
    )

    $canonicalType = @('remoteControl', 'remoteAssistance', 'remoteDesktop') | Where-Object { $_ -eq $Type } | Select-Object -First 1
    if (-not $canonicalType) { $canonicalType = $Type }
    $accessLevel = 'fullControl'
    if ($ViewOnly) { $accessLevel = 'viewOnly' }

    $body = [ordered]@{
        deviceId    = $DeviceId
        type        = $canonicalType
        accessLevel = $accessLevel
    }
    if ($Reason) { $body['reason'] = $Reason }
    $body
}
