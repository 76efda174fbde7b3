function ConvertTo-RcRequestBody {
    <#
    .SYNOPSIS
    Serialises a request body to UTF-8 bytes.

    .DESCRIPTION
    Strings are sent as they are; anything else becomes compact JSON (arrays stay arrays, even
    with one element). The bytes are UTF-8 without a byte order mark, because Windows
    PowerShell 5.1 would otherwise encode a string body as ISO-8859-1.

    .PARAMETER Body
    The body: an object, a hashtable, an array or a string.

    .EXAMPLE
    ConvertTo-RcRequestBody -Body @{ name = 'Helpdesk PCs' }
    #>
    [CmdletBinding()]
    [OutputType([byte[]])]
    param(
        [Parameter(Mandatory)]
        [AllowNull()]
        [object] $Body
    )

    if ($Body -is [string]) {
        $text = $Body
    }
    else {
        $text = ConvertTo-Json -InputObject $Body -Depth 10 -Compress
    }
    , [System.Text.Encoding]::UTF8.GetBytes($text)
}
