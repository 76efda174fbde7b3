function Connect-RcServer {
    <#
    .SYNOPSIS
    Connects the RcGate cmdlets to an rcgate server with an API token.

    .DESCRIPTION
    Stores the server address and the API token for this PowerShell session (in the module's
    scope, the token as a SecureString), then checks them by calling GET /api/v1/me. Every
    other RcGate cmdlet uses this connection. The token is never written to verbose or error
    output. Returns an RcGate.Connection object naming the principal and its role.

    A failed check leaves the previous connection, if any, in place.

    .PARAMETER Uri
    The server's base address, such as https://rcgate.contoso.com. A trailing /api/v1 is
    accepted and ignored.

    .PARAMETER Token
    The API token (from New-RcApiToken or 'rcgate token create').

    .PARAMETER Credential
    A credential whose password is the API token; the user name is ignored. Use this to keep
    the token out of the command line: Connect-RcServer -Uri $uri -Credential (Get-Credential).

    .PARAMETER MaximumRetryCount
    How many times a request answered 429 or 503 is retried (after the server's Retry-After)
    before the error is reported. Default 4.

    .EXAMPLE
    Connect-RcServer -Uri https://rcgate.contoso.com -Token $env:RCGATE_TOKEN

    Connects with a token kept in an environment variable.

    .EXAMPLE
    Connect-RcServer -Uri https://rcgate.contoso.com -Credential (Get-Credential -UserName token -Message 'rcgate API token')

    Prompts for the token instead of taking it on the command line.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Token')]
    [OutputType('RcGate.Connection')]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [uri] $Uri,

        [Parameter(Mandatory, Position = 1, ParameterSetName = 'Token')]
        [ValidateNotNullOrEmpty()]
        [string] $Token,

        [Parameter(Mandatory, ParameterSetName = 'Credential')]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $Credential,

        [ValidateRange(0, 10)]
        [int] $MaximumRetryCount = 4
    )

    if (-not $Uri.IsAbsoluteUri -or $Uri.Scheme -notin @('http', 'https')) {
        $record = New-RcErrorRecord -Message ("'{0}' is not an absolute http or https address, such as https://rcgate.contoso.com." -f $Uri) `
            -ErrorId 'invalidServerUri' -Category InvalidArgument -TargetObject $Uri
        $PSCmdlet.ThrowTerminatingError($record)
    }
    if ($Uri.Scheme -eq 'http' -and -not $Uri.IsLoopback) {
        Write-Warning ('{0} is not HTTPS: the API token will cross the network unencrypted.' -f $Uri.Authority)
    }

    if ($PSCmdlet.ParameterSetName -eq 'Credential') {
        $secureToken = $Credential.Password
    }
    else {
        $secureToken = ConvertTo-SecureString -String $Token -AsPlainText -Force
    }

    $baseUri = $Uri.GetLeftPart([System.UriPartial]::Path).TrimEnd('/')
    $baseUri = $baseUri -replace '/api/v1$', ''

    $previous = $script:RcConnection
    $script:RcConnection = [pscustomobject]@{
        BaseUri           = $baseUri
        ApiUri            = $baseUri + '/api/v1'
        Token             = $secureToken
        MaximumRetryCount = $MaximumRetryCount
        Principal         = $null
        Role              = $null
    }

    try {
        $me = Invoke-RcApi -Method Get -Path '/me'
    }
    catch {
        $script:RcConnection = $previous
        $PSCmdlet.ThrowTerminatingError($_)
    }
    $script:RcConnection.Principal = $me.name
    $script:RcConnection.Role = $me.role

    [pscustomobject]@{
        Uri         = $baseUri
        Principal   = $me.name
        DisplayName = $me.displayName
        Role        = $me.role
    } | Add-RcTypeName -TypeName 'RcGate.Connection'
}
