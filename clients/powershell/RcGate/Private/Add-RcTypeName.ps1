function Add-RcTypeName {
    <#
    .SYNOPSIS
    Gives API objects an RcGate type name so that formatting and ToString apply.

    .DESCRIPTION
    Inserts the type name at the front of PSTypeNames (once) and passes the object on.
    Nulls are dropped; strings pass unchanged.

    .PARAMETER InputObject
    The object from the API.

    .PARAMETER TypeName
    The type name, such as RcGate.Device.

    .EXAMPLE
    Invoke-RcApi -Method Get -Path '/sites' | Add-RcTypeName -TypeName 'RcGate.Site'
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline)]
        [AllowNull()]
        [object] $InputObject,

        [Parameter(Mandatory, Position = 0)]
        [string] $TypeName
    )

    process {
        if ($null -eq $InputObject) { return }
        if ($InputObject -isnot [string] -and $InputObject.PSTypeNames[0] -ne $TypeName) {
            $InputObject.PSTypeNames.Insert(0, $TypeName)
        }
        $InputObject
    }
}
