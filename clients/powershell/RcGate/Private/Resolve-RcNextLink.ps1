function Resolve-RcNextLink {
    <#
    .SYNOPSIS
    Checks a list's nextLink and returns it as an absolute URI.

    .DESCRIPTION
    A relative nextLink is resolved against the server. A nextLink that points to another
    scheme, host or port is refused, so that the bearer token is only ever sent to the server
    given to Connect-RcServer.

    .PARAMETER NextLink
    The nextLink value from a list response.

    .PARAMETER Connection
    The current connection.

    .EXAMPLE
    Resolve-RcNextLink -NextLink 'https://rc.contoso.com/api/v1/devices?cursor=abc' -Connection (Get-RcConnection)
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [string] $NextLink,

        [Parameter(Mandatory)]
        [object] $Connection
    )

    $server = [uri]$Connection.BaseUri
    $next = [uri]::new($server, $NextLink)
    if ($next.GetLeftPart([System.UriPartial]::Authority) -ne $server.GetLeftPart([System.UriPartial]::Authority)) {
        $record = New-RcErrorRecord -Message ('Refusing to follow nextLink to another server: {0}' -f $next.GetLeftPart([System.UriPartial]::Authority)) `
            -ErrorId 'foreignNextLink' -Category SecurityError -TargetObject $NextLink
        $PSCmdlet.ThrowTerminatingError($record)
    }
    $next.AbsoluteUri
}
