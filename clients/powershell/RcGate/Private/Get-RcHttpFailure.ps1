function Get-RcHttpFailure {
    <#
    .SYNOPSIS
    Reads status, headers and body from a failed Invoke-RestMethod call.

    .DESCRIPTION
    Windows PowerShell 5.1 reports HTTP errors as a WebException whose Response is an
    HttpWebResponse; PowerShell 7 as an HttpResponseException whose Response is an
    HttpResponseMessage. Both put the response body in ErrorDetails.Message (5.1 leaves it
    empty for some responses, so the response stream is read as a fallback). Returns one
    object with StatusCode (null when no response arrived), RetryAfterSeconds, ErrorCode (the
    X-Error-Code header), Body and Message. Request headers, which hold the token, are not
    copied.

    .PARAMETER ErrorRecord
    The error caught from Invoke-RestMethod.

    .EXAMPLE
    try { Invoke-RestMethod -Uri $uri } catch { $failure = Get-RcHttpFailure -ErrorRecord $_ }
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [System.Management.Automation.ErrorRecord] $ErrorRecord
    )

    $response = $null
    $exception = $ErrorRecord.Exception
    while ($null -ne $exception -and $null -eq $response) {
        $responseProperty = $exception.PSObject.Properties['Response']
        if ($responseProperty -and $null -ne $responseProperty.Value) {
            $response = $responseProperty.Value
        }
        else {
            $exception = $exception.InnerException
        }
    }

    $statusCode = $null
    $retryAfter = $null
    $errorCode = $null
    if ($null -ne $response) {
        $statusCode = [int]$response.StatusCode
        $retryAfter = ConvertFrom-RcRetryAfter -Value (Get-RcResponseHeader -Response $response -Name 'Retry-After')
        $errorCode = Get-RcResponseHeader -Response $response -Name 'X-Error-Code'
    }

    $body = $null
    if ($ErrorRecord.ErrorDetails -and $ErrorRecord.ErrorDetails.Message) {
        $body = $ErrorRecord.ErrorDetails.Message
    }
    elseif ($null -ne $response -and $response.PSObject.Methods['GetResponseStream']) {
        try {
            $reader = [System.IO.StreamReader]::new($response.GetResponseStream())
            $body = $reader.ReadToEnd()
            $reader.Dispose()
        }
        catch {
            $body = $null
        }
    }

    [pscustomobject]@{
        StatusCode        = $statusCode
        RetryAfterSeconds = $retryAfter
        ErrorCode         = $errorCode
        Body              = $body
        Message           = $ErrorRecord.Exception.Message
    }
}
