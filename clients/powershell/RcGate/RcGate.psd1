@{
    RootModule           = 'RcGate.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '3dc189eb-57e2-4421-9c10-9aba76479e3c'
    Author               = 'rcgate contributors'
    CompanyName          = 'rcgate'
    Copyright            = '(c) rcgate contributors. Licensed under the Apache License 2.0.'
    Description          = 'Cmdlets for rcgate, a self-hosted remote-control broker modelled on Configuration Manager Remote Control: sites, devices, collections, Remote Tools client settings, sessions and the audit trail.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    TypesToProcess       = @('RcGate.Types.ps1xml')
    FormatsToProcess     = @('RcGate.Format.ps1xml')
    FunctionsToExport    = @(
        'Add-RcCollectionMember'
        'Add-RcCollectionRule'
        'Connect-RcServer'
        'Disconnect-RcServer'
        'Export-RcAuditRecord'
        'Get-RcAuditRecord'
        'Get-RcClientSetting'
        'Get-RcCollection'
        'Get-RcCollectionMember'
        'Get-RcDevice'
        'Get-RcResultantSetting'
        'Get-RcSession'
        'Get-RcSite'
        'Import-RcDevice'
        'New-RcApiToken'
        'New-RcClientSetting'
        'New-RcCollection'
        'New-RcEnrollmentKey'
        'Publish-RcClientSetting'
        'Remove-RcCollection'
        'Remove-RcCollectionMember'
        'Set-RcClientSetting'
        'Set-RcCollection'
        'Start-RcSession'
        'Stop-RcSession'
        'Test-RcAuditChain'
        'Test-RcSession'
        'Unpublish-RcClientSetting'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @('Update-RcClientSetting', 'Update-RcCollection')
    PrivateData          = @{
        PSData = @{
            Tags       = @('rcgate', 'RemoteControl', 'RemoteAssistance', 'ConfigMgr', 'SCCM', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri = 'https://www.apache.org/licenses/LICENSE-2.0'
        }
    }
}
