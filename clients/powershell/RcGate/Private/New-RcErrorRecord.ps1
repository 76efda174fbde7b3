function New-RcErrorRecord {
    <#
    .SYNOPSIS
    Creates an ErrorRecord for a failure the module detects itself.

    .DESCRIPTION
    Wraps a message in an exception and an ErrorRecord with the given error id (which becomes
    the first part of FullyQualifiedErrorId), category and target object.

    .PARAMETER Message
    The error message.

    .PARAMETER ErrorId
    The stable error id, camelCase like the server's problem codes.

    .PARAMETER Category
    The ErrorCategory.

    .PARAMETER TargetObject
    The object the error is about.

    .PARAMETER RecommendedAction
    What the user can do about it.

    .EXAMPLE
    New-RcErrorRecord -Message 'Consent denied' -ErrorId 'consentDenied' -Category PermissionDenied
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory)]
        [string] $Message,

        [Parameter(Mandatory)]
        [string] $ErrorId,

        [System.Management.Automation.ErrorCategory] $Category = 'NotSpecified',

        [object] $TargetObject,

        [string] $RecommendedAction
    )

    $exception = [System.Exception]::new($Message)
    $record = [System.Management.Automation.ErrorRecord]::new($exception, $ErrorId, $Category, $TargetObject)
    if ($RecommendedAction) {
        $record.ErrorDetails = [System.Management.Automation.ErrorDetails]::new($Message)
        $record.ErrorDetails.RecommendedAction = $RecommendedAction
    }
    $record
}
