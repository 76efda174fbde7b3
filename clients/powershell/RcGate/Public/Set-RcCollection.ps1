function Set-RcCollection {
    <#
    .SYNOPSIS
    Changes a collection's name, description or limiting collection.

    .DESCRIPTION
    Sends PATCH /collections/{id} with the fields given. When the collection comes from the
    pipeline (or -ETag is given), its etag is sent as If-Match, so the change fails with a
    precondition error (412) if someone changed the collection in between. The built-in All
    Systems collection cannot be changed. Outputs the changed collection with -PassThru.

    .PARAMETER CollectionId
    The collection's id. Alias: Id.

    .PARAMETER Name
    The new name.

    .PARAMETER Description
    The new description.

    .PARAMETER LimitingCollectionId
    The new limiting collection.

    .PARAMETER ETag
    The etag of the collection as read; sent as If-Match.

    .PARAMETER PassThru
    Outputs the changed collection.

    .EXAMPLE
    Get-RcCollection -Name 'Helpdesk PCs' | Set-RcCollection -Description 'Helpdesk, all floors' -PassThru
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('RcGate.Collection')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [string] $CollectionId,

        [ValidateNotNullOrEmpty()]
        [string] $Name,

        [string] $Description,

        [string] $LimitingCollectionId,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $ETag,

        [switch] $PassThru
    )

    process {
        $body = [ordered]@{}
        foreach ($field in @('Name', 'Description', 'LimitingCollectionId')) {
            if ($PSBoundParameters.ContainsKey($field)) {
                $body[$field.Substring(0, 1).ToLowerInvariant() + $field.Substring(1)] = $PSBoundParameters[$field]
            }
        }
        if ($body.Count -eq 0) {
            $PSCmdlet.WriteError((New-RcErrorRecord -Message 'Nothing to change: give -Name, -Description or -LimitingCollectionId.' `
                        -ErrorId 'noChangesSpecified' -Category InvalidArgument -TargetObject $CollectionId))
            return
        }
        $headers = @{}
        if ($ETag) { $headers['If-Match'] = ConvertTo-RcIfMatch -ETag $ETag }

        if (-not $PSCmdlet.ShouldProcess("collection $CollectionId", 'Change ' + ($body.Keys -join ', '))) { return }
        try {
            $changed = Invoke-RcApi -Method Patch -Path "/collections/$([uri]::EscapeDataString($CollectionId))" -Body $body -Headers $headers
            if ($PassThru) { $changed | Add-RcTypeName -TypeName 'RcGate.Collection' }
        }
        catch { $PSCmdlet.WriteError($_) }
    }
}
