function New-RcCollection {
    <#
    .SYNOPSIS
    Creates a device collection.

    .DESCRIPTION
    Creates a collection with POST /collections. Its members come from the rules you add
    afterwards (Add-RcCollectionRule, Add-RcCollectionMember), limited to the members of the
    limiting collection (All Systems unless -LimitingCollectionId says otherwise). Outputs the
    new RcGate.Collection.

    .PARAMETER Name
    The collection's name, unique on the server.

    .PARAMETER Description
    A description.

    .PARAMETER LimitingCollectionId
    The collection that limits the membership. Default: All Systems.

    .EXAMPLE
    New-RcCollection -Name 'Helpdesk PCs' -Description 'Workstations the helpdesk may control'

    .EXAMPLE
    $kiosks = New-RcCollection -Name 'Kiosks'; Add-RcCollectionRule -CollectionId $kiosks.id -Filter "startswith(name, 'KIOSK-')"

    Creates a collection and gives it a query rule.
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low')]
    [OutputType('RcGate.Collection')]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,

        [string] $Description,

        [string] $LimitingCollectionId
    )

    $body = [ordered]@{ name = $Name }
    if ($PSBoundParameters.ContainsKey('Description')) { $body['description'] = $Description }
    if ($LimitingCollectionId) { $body['limitingCollectionId'] = $LimitingCollectionId }

    if (-not $PSCmdlet.ShouldProcess($Name, 'Create collection')) { return }
    try {
        Invoke-RcApi -Method Post -Path '/collections' -Body $body | Add-RcTypeName -TypeName 'RcGate.Collection'
    }
    catch { $PSCmdlet.WriteError($_) }
}
