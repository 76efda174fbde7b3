function ConvertTo-RcErrorRecord {
    <#
    .SYNOPSIS
    Turns a failed HTTP exchange (usually an RFC 9457 problem) into an ErrorRecord.

    .DESCRIPTION
    The problem's 'code' (or the X-Error-Code header) becomes the error id, so that
    FullyQualifiedErrorId reads '<code>,<cmdlet>' (for example 'deviceBusy,Start-RcSession').
    The category follows the status: 401 AuthenticationError, 403 PermissionDenied,
    404 ObjectNotFound, 409 ResourceExists (ResourceBusy when the code or reason is
    deviceBusy), 400 and 422 InvalidArgument, 412 and 428 InvalidOperation, anything else
    NotSpecified; no response at all is a ConnectionError. The parsed problem is the target
    object, so $err.TargetObject.reason gives a policy denial's reason. The original exception
    is not chained: on PowerShell 7 it holds the request, and the request holds the token.

    .PARAMETER Failure
    The object from Get-RcHttpFailure.

    .PARAMETER Method
    The HTTP method of the request, for the message.

    .PARAMETER Path
    The API path of the request, for the message.

    .EXAMPLE
    $PSCmdlet.ThrowTerminatingError((ConvertTo-RcErrorRecord -Failure $failure -Method Get -Path '/devices'))
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory)]
        [object] $Failure,

        [string] $Method,

        [string] $Path
    )

    $problem = $null
    if ($Failure.Body) {
        try { $problem = ConvertFrom-Json -InputObject $Failure.Body -ErrorAction Stop }
        catch { $problem = $null }
    }
    if ($problem -isnot [System.Management.Automation.PSCustomObject]) { $problem = $null }

    $status = $Failure.StatusCode
    $code = $null
    $reason = $null
    if ($problem) {
        $code = $problem.code
        $reason = $problem.reason
    }
    if (-not $code) { $code = $Failure.ErrorCode }
    if (-not $code) {
        if ($status) { $code = 'httpError{0}' -f $status } else { $code = 'connectionFailed' }
    }

    if (-not $status) {
        $category = 'ConnectionError'
    }
    elseif ($status -eq 401) { $category = 'AuthenticationError' }
    elseif ($status -eq 403) { $category = 'PermissionDenied' }
    elseif ($status -eq 404) { $category = 'ObjectNotFound' }
    elseif ($status -eq 409) {
        if ($code -eq 'deviceBusy' -or $reason -eq 'deviceBusy') { $category = 'ResourceBusy' } else { $category = 'ResourceExists' }
    }
    elseif ($status -in @(400, 422)) { $category = 'InvalidArgument' }
    elseif ($status -in @(412, 428)) { $category = 'InvalidOperation' }
    else { $category = 'NotSpecified' }

    $parts = @()
    if ($problem -and ($problem.title -or $problem.detail)) {
        $parts += (@($problem.title, $problem.detail) | Where-Object { $_ }) -join ': '
    }
    elseif ($status) {
        $parts += 'HTTP {0}: {1}' -f $status, $Failure.Message
    }
    else {
        $parts += $Failure.Message
    }
    if ($reason) { $parts += '(reason: {0})' -f $reason }
    if ($problem -and $problem.errors) {
        foreach ($fieldError in @($problem.errors)) {
            $parts += '[{0}: {1}]' -f $fieldError.field, $fieldError.message
        }
    }
    $request = '{0} {1}' -f $Method.ToUpperInvariant(), $Path
    if ($problem -and $problem.traceId) { $request += ', traceId ' + $problem.traceId }
    $parts += '({0})' -f $request

    $target = $Path
    if ($problem) { $target = $problem }
    $recommendedAction = $null
    if ($status -eq 401) { $recommendedAction = 'Run Connect-RcServer with a valid, unexpired API token.' }
    if ($status -eq 412) { $recommendedAction = 'The object changed since it was read: get it again, then retry the change.' }

    New-RcErrorRecord -Message ($parts -join ' ') -ErrorId $code -Category $category -TargetObject $target -RecommendedAction $recommendedAction
}
