function ConvertTo-RcIfMatch {
    <#
    .SYNOPSIS
    Turns an object's etag into an If-Match header value.

    .DESCRIPTION
    Items carry their etag as a field; If-Match needs an entity tag in double quotes. A value
    already quoted (or weak, W/"...") is used as it is.

    .PARAMETER ETag
    The etag from an object returned by the API.

    .EXAMPLE
    ConvertTo-RcIfMatch -ETag 'a1b2c3'
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [string] $ETag
    )

    if ($ETag.StartsWith('"') -or $ETag.StartsWith('W/"')) { return $ETag }
    '"' + $ETag + '"'
}
