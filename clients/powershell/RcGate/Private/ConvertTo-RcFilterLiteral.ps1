function ConvertTo-RcFilterLiteral {
    <#
    .SYNOPSIS
    Quotes a value as a filter string literal.

    .DESCRIPTION
    Wraps the value in single quotes and doubles any single quote inside it, the escaping of
    the filter grammar: O'Brien-PC becomes 'O''Brien-PC'.

    .PARAMETER Value
    The value to quote.

    .EXAMPLE
    "name eq $(ConvertTo-RcFilterLiteral -Value "O'Brien-PC")"
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [AllowEmptyString()]
        [string] $Value
    )

    "'" + $Value.Replace("'", "''") + "'"
}
