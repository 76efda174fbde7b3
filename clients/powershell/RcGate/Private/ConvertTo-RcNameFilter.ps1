function ConvertTo-RcNameFilter {
    <#
    .SYNOPSIS
    Builds the filter expression for a -Name parameter.

    .DESCRIPTION
    An exact name becomes "name eq '<name>'"; a name ending in one '*' (and with no other
    wildcard) becomes "startswith(name, '<prefix>')". Single quotes are doubled.

    .PARAMETER Name
    The name, optionally ending in '*'.

    .EXAMPLE
    ConvertTo-RcNameFilter -Name 'PC-*'
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [string] $Name
    )

    if (Test-RcNamePrefix -Name $Name) {
        return 'startswith(name, {0})' -f (ConvertTo-RcFilterLiteral -Value $Name.Substring(0, $Name.Length - 1))
    }
    'name eq {0}' -f (ConvertTo-RcFilterLiteral -Value $Name)
}
