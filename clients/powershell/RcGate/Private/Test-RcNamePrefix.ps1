function Test-RcNamePrefix {
    <#
    .SYNOPSIS
    Tells whether a -Name value is a prefix pattern ('PC-*').

    .DESCRIPTION
    True when the name ends in a single '*' and holds no other wildcard character.

    .PARAMETER Name
    The name to test.

    .EXAMPLE
    Test-RcNamePrefix -Name 'PC-*'
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory)]
        [string] $Name
    )

    $Name.Length -gt 1 -and $Name.EndsWith('*') -and $Name.Substring(0, $Name.Length - 1).IndexOfAny([char[]]'*?[]') -lt 0
}
