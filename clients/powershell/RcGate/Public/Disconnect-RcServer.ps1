function Disconnect-RcServer {
    <#
    .SYNOPSIS
    Forgets the rcgate server connection and its API token.

    .DESCRIPTION
    Clears the connection that Connect-RcServer stored in the module's scope. The token itself
    stays valid on the server; revoke it there to end its use everywhere.

    .EXAMPLE
    Disconnect-RcServer

    Later RcGate cmdlets fail with 'notConnected' until Connect-RcServer runs again.
    #>
    [CmdletBinding()]
    [OutputType([void])]
    param()

    if ($script:RcConnection) {
        Write-Verbose ('Disconnected from {0}.' -f $script:RcConnection.BaseUri)
    }
    $script:RcConnection = $null
}
