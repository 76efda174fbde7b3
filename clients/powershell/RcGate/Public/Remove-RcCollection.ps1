function Remove-RcCollection {
    <#
    .SYNOPSIS
    Deletes device collections.

    .DESCRIPTION
    Sends DELETE /collections/{id}, with If-Match when the collection's etag is known (from the
    pipeline or -ETag). Client settings deployed to the collection no longer apply to its
    members. The built-in All Systems collection cannot be deleted. Asks for confirmation
    unless -Confirm:$false is given.

    .PARAMETER CollectionId
    The collection ids. Alias: Id.

    .PARAMETER ETag
    The etag of the collection as read; sent as If-Match.

    .EXAMPLE
    Get-RcCollection -Name 'Old pilot' | Remove-RcCollection

    .EXAMPLE
    Remove-RcCollection -CollectionId $id -Confirm:$false
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType([void])]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [string[]] $CollectionId,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $ETag
    )

    process {
        foreach ($id in $CollectionId) {
            if (-not $PSCmdlet.ShouldProcess("collection $id", 'Delete')) { continue }
            $headers = @{}
            if ($ETag -and $CollectionId.Count -eq 1) { $headers['If-Match'] = ConvertTo-RcIfMatch -ETag $ETag }
            try {
                $null = Invoke-RcApi -Method Delete -Path "/collections/$([uri]::EscapeDataString($id))" -Headers $headers
            }
            catch { $PSCmdlet.WriteError($_) }
        }
    }
}
