function New-RcEnrollmentKey {
    <#
    .SYNOPSIS
    Creates an enrolment key that agents use to register devices.

    .DESCRIPTION
    Sends POST /enrollment-keys {name, siteCode, usesLeft, expiresAt}. Devices that enrol with
    the key are assigned to the site. The answer holds the key itself, shown only this once.
    Sites and devices from the pipeline bind their site code. Outputs an RcGate.EnrollmentKey.

    .PARAMETER Name
    A name for the key, such as the deployment wave.

    .PARAMETER SiteCode
    The site that enrolled devices join. Alias: Code.

    .PARAMETER UsesLeft
    How many enrolments the key allows; without it the key is not counted.

    .PARAMETER ExpiresAt
    When the key stops working.

    .EXAMPLE
    New-RcEnrollmentKey -Name 'Wave 1 kiosks' -SiteCode PS1 -UsesLeft 50 -ExpiresAt (Get-Date).AddDays(7)

    .EXAMPLE
    Get-RcSite -SiteCode S01 | New-RcEnrollmentKey -Name 'Branch office' -UsesLeft 1
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('RcGate.EnrollmentKey')]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,

        [Parameter(Mandatory, Position = 1, ValueFromPipelineByPropertyName)]
        [Alias('Code')]
        [ValidateNotNullOrEmpty()]
        [string] $SiteCode,

        [ValidateRange(1, [int]::MaxValue)]
        [int] $UsesLeft,

        [datetime] $ExpiresAt
    )

    process {
        $body = [ordered]@{ name = $Name; siteCode = $SiteCode }
        if ($PSBoundParameters.ContainsKey('UsesLeft')) { $body['usesLeft'] = $UsesLeft }
        if ($PSBoundParameters.ContainsKey('ExpiresAt')) { $body['expiresAt'] = ConvertTo-RcDateString -Date $ExpiresAt }

        if (-not $PSCmdlet.ShouldProcess("site $SiteCode", "Create enrolment key '$Name'")) { return }
        try {
            Invoke-RcApi -Method Post -Path '/enrollment-keys' -Body $body | Add-RcTypeName -TypeName 'RcGate.EnrollmentKey'
        }
        catch { $PSCmdlet.WriteError($_) }
    }
}
