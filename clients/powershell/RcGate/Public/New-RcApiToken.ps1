function New-RcApiToken {
    <#
    .SYNOPSIS
    Creates an API token for a principal.

    .DESCRIPTION
    Sends POST /principals/{name}/tokens {name, expiresAt}. The answer holds the token itself;
    the server keeps only its hash and never shows it again, so store it now (in a secret
    store, not in a script). Outputs an RcGate.ApiToken object with id, name, token, expiresAt
    and createdAt.

    .PARAMETER Principal
    The principal that owns the token, such as CONTOSO\alice or pipeline-deploy. Objects with a
    principal or principalName property bind from the pipeline. Alias: PrincipalName.

    .PARAMETER Name
    A name for the token, such as the job that will use it.

    .PARAMETER ExpiresAt
    When the token stops working. Without it the server's default applies.

    .EXAMPLE
    $t = New-RcApiToken -Principal 'pipeline-deploy' -Name 'nightly inventory' -ExpiresAt (Get-Date).AddDays(90)

    .EXAMPLE
    New-RcApiToken -Principal 'CONTOSO\alice' -Name laptop | Select-Object -ExpandProperty token | Set-Clipboard
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('RcGate.ApiToken')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('PrincipalName')]
        [ValidateNotNullOrEmpty()]
        [string] $Principal,

        [Parameter(Mandatory, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,

        [datetime] $ExpiresAt
    )

    process {
        $body = [ordered]@{ name = $Name }
        if ($PSBoundParameters.ContainsKey('ExpiresAt')) { $body['expiresAt'] = ConvertTo-RcDateString -Date $ExpiresAt }

        if (-not $PSCmdlet.ShouldProcess("principal $Principal", "Create API token '$Name'")) { return }
        try {
            Invoke-RcApi -Method Post -Path "/principals/$([uri]::EscapeDataString($Principal))/tokens" -Body $body |
                Add-RcTypeName -TypeName 'RcGate.ApiToken'
        }
        catch { $PSCmdlet.WriteError($_) }
    }
}
