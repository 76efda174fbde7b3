function Get-RcSite {
    <#
    .SYNOPSIS
    Gets sites of the rcgate site hierarchy.

    .DESCRIPTION
    Without -SiteCode, lists sites (GET /sites): the first page, or every page with -All. With
    -SiteCode, gets those sites (GET /sites/{code}). Objects with a siteCode or code property
    (devices, sites) bind to -SiteCode from the pipeline. Outputs RcGate.Site objects.

    .PARAMETER SiteCode
    Site codes, such as PS1 or CAS.

    .PARAMETER Filter
    A filter expression over site fields, such as "type eq 'secondary'".

    .PARAMETER Top
    Page size (1-1000; the server's default is 100).

    .PARAMETER All
    Gets every page instead of the first.

    .EXAMPLE
    Get-RcSite -All

    Lists the whole hierarchy.

    .EXAMPLE
    Get-RcDevice -Name 'PC-0042' | Get-RcSite

    Gets the site a device is assigned to.
    #>
    [CmdletBinding(DefaultParameterSetName = 'List')]
    [OutputType('RcGate.Site')]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'ByCode', ValueFromPipelineByPropertyName)]
        [Alias('Code')]
        [ValidateNotNullOrEmpty()]
        [string[]] $SiteCode,

        [Parameter(ParameterSetName = 'List')]
        [string] $Filter,

        [Parameter(ParameterSetName = 'List')]
        [ValidateRange(1, 1000)]
        [int] $Top,

        [Parameter(ParameterSetName = 'List')]
        [switch] $All
    )

    process {
        if ($PSCmdlet.ParameterSetName -eq 'ByCode') {
            foreach ($code in $SiteCode) {
                try {
                    Invoke-RcApi -Method Get -Path "/sites/$([uri]::EscapeDataString($code))" | Add-RcTypeName -TypeName 'RcGate.Site'
                }
                catch { $PSCmdlet.WriteError($_) }
            }
            return
        }
        try {
            Invoke-RcApi -Method Get -Path '/sites' -Query @{ filter = $Filter; top = $PSBoundParameters['Top'] } -All:$All |
                Add-RcTypeName -TypeName 'RcGate.Site'
        }
        catch { $PSCmdlet.WriteError($_) }
    }
}
