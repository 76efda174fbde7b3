function Get-RcDevice {
    <#
    .SYNOPSIS
    Gets managed devices.

    .DESCRIPTION
    Lists devices (GET /devices), optionally filtered; gets devices by id (GET /devices/{id})
    or by name (a filter "name eq '<name>'"; a name ending in '*' matches by prefix); or lists
    the members of a collection (GET /collections/{id}/members). Lists return the first page
    unless -All is given. Objects with a deviceId or id property (devices, sessions, collection
    members) bind to -DeviceId from the pipeline. Outputs RcGate.Device objects.

    .PARAMETER DeviceId
    Device ids (UUIDs). Alias: Id.

    .PARAMETER Name
    Device names. A name ending in '*' (PC-*) matches every device whose name starts with the
    rest. An exact name that matches no device is reported as an error.

    .PARAMETER CollectionId
    Lists the members of this collection instead of all devices.

    .PARAMETER Filter
    A filter expression over device fields, such as "joinType eq 'workgroup' and online eq true"
    or "startswith(osName, 'Windows 11')". String literals take single quotes.

    .PARAMETER OrderBy
    Sort order, such as 'name' or 'lastSeenAt desc'.

    .PARAMETER Top
    Page size (1-1000; the server's default is 100).

    .PARAMETER All
    Gets every page instead of the first.

    .EXAMPLE
    Get-RcDevice -Filter "joinType eq 'workgroup'" -All

    Every workgroup device.

    .EXAMPLE
    Get-RcDevice -Name 'PC-0042'

    One device by name.

    .EXAMPLE
    Get-RcDevice -CollectionId $collection.id -All | Where-Object online

    The online members of a collection.
    #>
    [CmdletBinding(DefaultParameterSetName = 'List')]
    [OutputType('RcGate.Device')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'ById', ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [string[]] $DeviceId,

        [Parameter(Mandatory, Position = 0, ParameterSetName = 'ByName')]
        [SupportsWildcards()]
        [ValidateNotNullOrEmpty()]
        [string[]] $Name,

        [Parameter(Mandatory, ParameterSetName = 'ByCollection')]
        [ValidateNotNullOrEmpty()]
        [string] $CollectionId,

        [Parameter(ParameterSetName = 'List')]
        [Parameter(ParameterSetName = 'ByCollection')]
        [string] $Filter,

        [Parameter(ParameterSetName = 'List')]
        [Parameter(ParameterSetName = 'ByCollection')]
        [string] $OrderBy,

        [Parameter(ParameterSetName = 'List')]
        [Parameter(ParameterSetName = 'ByCollection')]
        [ValidateRange(1, 1000)]
        [int] $Top,

        [Parameter(ParameterSetName = 'List')]
        [Parameter(ParameterSetName = 'ByCollection')]
        [switch] $All
    )

    process {
        switch ($PSCmdlet.ParameterSetName) {
            'ById' {
                foreach ($id in $DeviceId) {
                    try {
                        Invoke-RcApi -Method Get -Path "/devices/$([uri]::EscapeDataString($id))" | Add-RcTypeName -TypeName 'RcGate.Device'
                    }
                    catch { $PSCmdlet.WriteError($_) }
                }
            }
            'ByName' {
                foreach ($deviceName in $Name) {
                    try {
                        $found = @(Invoke-RcApi -Method Get -Path '/devices' -Query @{ filter = (ConvertTo-RcNameFilter -Name $deviceName) } -All |
                                Add-RcTypeName -TypeName 'RcGate.Device')
                        if ($found.Count -eq 0 -and -not (Test-RcNamePrefix -Name $deviceName)) {
                            $PSCmdlet.WriteError((New-RcErrorRecord -Message ("No device named '{0}'." -f $deviceName) `
                                        -ErrorId 'deviceNotFound' -Category ObjectNotFound -TargetObject $deviceName))
                        }
                        $found
                    }
                    catch { $PSCmdlet.WriteError($_) }
                }
            }
            'ByCollection' {
                try {
                    Invoke-RcApi -Method Get -Path "/collections/$([uri]::EscapeDataString($CollectionId))/members" -Query @{
                        filter  = $Filter
                        orderby = $OrderBy
                        top     = $PSBoundParameters['Top']
                    } -All:$All | Add-RcTypeName -TypeName 'RcGate.Device'
                }
                catch { $PSCmdlet.WriteError($_) }
            }
            default {
                try {
                    Invoke-RcApi -Method Get -Path '/devices' -Query @{
                        filter  = $Filter
                        orderby = $OrderBy
                        top     = $PSBoundParameters['Top']
                    } -All:$All | Add-RcTypeName -TypeName 'RcGate.Device'
                }
                catch { $PSCmdlet.WriteError($_) }
            }
        }
    }
}
