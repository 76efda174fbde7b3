function Add-RcCollectionRule {
    <#
    .SYNOPSIS
    Adds a membership rule to a collection.

    .DESCRIPTION
    Sends POST /collections/{id}/rules with one of the four rule kinds of Configuration
    Manager collections:
    - direct (-DeviceId): that device;
    - query (-Filter, optional -RuleName): every device the filter matches, same syntax as
      Get-RcDevice -Filter;
    - include (-IncludeCollectionId): the members of another collection;
    - exclude (-ExcludeCollectionId): removes the members of another collection.
    Members are (direct + query + include) - exclude, limited by the limiting collection. A
    rule that would make the collection depend on itself is refused (conflict, reason cycle).
    Outputs the new RcGate.CollectionRule.

    .PARAMETER CollectionId
    The collection that gets the rule.

    .PARAMETER DeviceId
    Device ids for direct rules; devices from the pipeline bind by their id. Alias: Id.

    .PARAMETER Filter
    The query rule's filter expression.

    .PARAMETER RuleName
    A name for the query rule.

    .PARAMETER IncludeCollectionId
    The collection whose members to include.

    .PARAMETER ExcludeCollectionId
    The collection whose members to exclude.

    .EXAMPLE
    Add-RcCollectionRule -CollectionId $c.id -Filter "joinType eq 'workgroup'" -RuleName 'Workgroup PCs'

    .EXAMPLE
    Add-RcCollectionRule -CollectionId $c.id -ExcludeCollectionId $servers.id

    .EXAMPLE
    Get-RcDevice -Name 'PC-0042' | Add-RcCollectionRule -CollectionId $c.id
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium', DefaultParameterSetName = 'Direct')]
    [OutputType('RcGate.CollectionRule')]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $CollectionId,

        [Parameter(Mandatory, ParameterSetName = 'Direct', ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [string[]] $DeviceId,

        [Parameter(Mandatory, ParameterSetName = 'Query')]
        [ValidateNotNullOrEmpty()]
        [string] $Filter,

        [Parameter(ParameterSetName = 'Query')]
        [string] $RuleName,

        [Parameter(Mandatory, ParameterSetName = 'Include')]
        [ValidateNotNullOrEmpty()]
        [string] $IncludeCollectionId,

        [Parameter(Mandatory, ParameterSetName = 'Exclude')]
        [ValidateNotNullOrEmpty()]
        [string] $ExcludeCollectionId
    )

    process {
        $rules = switch ($PSCmdlet.ParameterSetName) {
            'Direct' {
                foreach ($id in $DeviceId) { [ordered]@{ type = 'direct'; deviceId = $id } }
            }
            'Query' {
                $rule = [ordered]@{ type = 'query'; filter = $Filter }
                if ($RuleName) { $rule['name'] = $RuleName }
                $rule
            }
            'Include' { [ordered]@{ type = 'include'; collectionId = $IncludeCollectionId } }
            'Exclude' { [ordered]@{ type = 'exclude'; collectionId = $ExcludeCollectionId } }
        }

        foreach ($rule in @($rules)) {
            $description = '{0} rule ({1})' -f $rule['type'], (@($rule.Values)[1])
            if (-not $PSCmdlet.ShouldProcess("collection $CollectionId", "Add $description")) { continue }
            try {
                Invoke-RcApi -Method Post -Path "/collections/$([uri]::EscapeDataString($CollectionId))/rules" -Body $rule |
                    Add-RcTypeName -TypeName 'RcGate.CollectionRule'
            }
            catch { $PSCmdlet.WriteError($_) }
        }
    }
}
