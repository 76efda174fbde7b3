function Get-RcConnection {
    <#
    .SYNOPSIS
    Returns the connection made by Connect-RcServer, or stops with an error when there is none.

    .DESCRIPTION
    Reads the module-scoped connection state. Raises a terminating 'notConnected' error when
    Connect-RcServer has not been run (or Disconnect-RcServer has cleared it).

    .EXAMPLE
    $connection = Get-RcConnection
    #>
    [CmdletBinding()]
    param()

    if ($null -eq $script:RcConnection) {
        $record = New-RcErrorRecord -Message 'Not connected to an rcgate server. Run Connect-RcServer first.' `
            -ErrorId 'notConnected' -Category InvalidOperation
        $PSCmdlet.ThrowTerminatingError($record)
    }
    $script:RcConnection
}
