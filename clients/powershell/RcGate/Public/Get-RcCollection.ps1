function Get-RcCollection {
    <#
    .SYNOPSIS
    Gets device collections.

    .DESCRIPTION
    Lists collections (GET /collections), gets them by id (GET /collections/{id}) or by name
    (a filter "name eq '<name>'"; a name ending in '*' matches by prefix). Objects with a
    collectionId or id property bind to -CollectionId from the pipeline. Outputs
    RcGate.Collection objects.

    .PARAMETER CollectionId
    Collection ids. Alias: Id.

    .PARAMETER Name
    Collection names; a name ending in '*' matches by prefix.

    .PARAMETER Filter
    A filter expression over collection fields, such as "memberCount gt 0".

    .PARAMETER OrderBy
    Sort order, such as 'name'.

    .PARAMETER Top
    Page size (1-1000; the server's default is 100).

    .PARAMETER All
    Gets every page instead of the first.

    .EXAMPLE
    Get-RcCollection -Name 'Helpdesk PCs'

    One collection by name.

    .EXAMPLE
    Get-RcCollection -All | Sort-Object memberCount -Descending | Select-Object -First 5

    The five largest collections.
    #>
    [CmdletBinding(DefaultParameterSetName = 'List')]
    [OutputType('RcGate.Collection')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'ById', ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [string[]] $CollectionId,

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
                foreach ($id in $CollectionId) {
                    try {
                        Invoke-RcApi -Method Get -Path "/collections/$([uri]::EscapeDataString($id))" | Add-RcTypeName -TypeName 'RcGate.Collection'
                    }
                    catch { $PSCmdlet.WriteError($_) }
                }
            }
            'ByName' {
                foreach ($collectionName in $Name) {
                    try {
                        $found = @(Invoke-RcApi -Method Get -Path '/collections' -Query @{ filter = (ConvertTo-RcNameFilter -Name $collectionName) } -All |
                                Add-RcTypeName -TypeName 'RcGate.Collection')
                        if ($found.Count -eq 0 -and -not (Test-RcNamePrefix -Name $collectionName)) {
                            $PSCmdlet.WriteError((New-RcErrorRecord -Message ("No collection named '{0}'." -f $collectionName) `
                                        -ErrorId 'collectionNotFound' -Category ObjectNotFound -TargetObject $collectionName))
                        }
                        $found
                    }
                    catch { $PSCmdlet.WriteError($_) }
                }
            }
            default {
                try {
                    Invoke-RcApi -Method Get -Path '/collections' -Query @{
                        filter  = $Filter
                        orderby = $OrderBy
                        top     = $PSBoundParameters['Top']
                    } -All:$All | Add-RcTypeName -TypeName 'RcGate.Collection'
                }
                catch { $PSCmdlet.WriteError($_) }
            }
        }
    }
}
