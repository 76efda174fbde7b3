function Get-RcRetryDelay {
    <#
    .SYNOPSIS
    Chooses how long to wait before retrying a 429 or 503 answer.

    .DESCRIPTION
    Uses the server's Retry-After when it sent one, else 1, 2, 4, ... seconds, and never more
    than the module's upper bound ($script:RcMaxRetryDelaySeconds).

    .PARAMETER RetryAfterSeconds
    The Retry-After value in seconds, or $null.

    .PARAMETER Attempt
    The number of the attempt that failed, from 1.

    .EXAMPLE
    Get-RcRetryDelay -RetryAfterSeconds 3 -Attempt 1
    #>
    [CmdletBinding()]
    [OutputType([int])]
    param(
        [AllowNull()]
        [object] $RetryAfterSeconds,

        [Parameter(Mandatory)]
        [int] $Attempt
    )

    if ($null -ne $RetryAfterSeconds) {
        $delay = [int]$RetryAfterSeconds
    }
    else {
        $delay = [int][Math]::Pow(2, [Math]::Min($Attempt - 1, 10))
    }
    [int][Math]::Min($delay, $script:RcMaxRetryDelaySeconds)
}
