#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeDiscovery {
    # Every state-changing cmdlet, called with -WhatIf.
    $whatIfCases = @(
        @{ Name = 'New-RcCollection'; Command = { New-RcCollection -Name 'Pilot' -WhatIf } }
        @{ Name = 'Set-RcCollection'; Command = { Set-RcCollection -CollectionId 'c1' -Description 'x' -WhatIf } }
        @{ Name = 'Remove-RcCollection'; Command = { Remove-RcCollection -CollectionId 'c1' -WhatIf } }
        @{ Name = 'Add-RcCollectionMember'; Command = { Add-RcCollectionMember -CollectionId 'c1' -DeviceId 'd1' -WhatIf } }
        @{ Name = 'Remove-RcCollectionMember'; Command = { Remove-RcCollectionMember -CollectionId 'c1' -DeviceId 'd1' -WhatIf } }
        @{ Name = 'Add-RcCollectionRule'; Command = { Add-RcCollectionRule -CollectionId 'c1' -Filter "joinType eq 'domain'" -WhatIf } }
        @{ Name = 'New-RcClientSetting'; Command = { New-RcClientSetting -Name 'Helpdesk' -RemoteTools @{ enableRemoteControl = $true } -WhatIf } }
        @{ Name = 'Set-RcClientSetting'; Command = { Set-RcClientSetting -ClientSettingId 'cs1' -Name 'x' -WhatIf } }
        @{ Name = 'Publish-RcClientSetting'; Command = { Publish-RcClientSetting -ClientSettingId 'cs1' -CollectionId 'c1' -WhatIf } }
        @{ Name = 'Unpublish-RcClientSetting'; Command = { Unpublish-RcClientSetting -ClientSettingId 'cs1' -CollectionId 'c1' -WhatIf } }
        @{ Name = 'Import-RcDevice'; Command = { @{ name = 'PC-1'; siteCode = 'PS1'; joinType = 'workgroup' } | Import-RcDevice -WhatIf } }
        @{ Name = 'Start-RcSession'; Command = { Start-RcSession -DeviceId 'd1' -WhatIf } }
        @{ Name = 'Stop-RcSession'; Command = { Stop-RcSession -SessionId 's1' -WhatIf } }
        @{ Name = 'New-RcApiToken'; Command = { New-RcApiToken -Principal 'pipeline-deploy' -Name 'ci' -WhatIf } }
        @{ Name = 'New-RcEnrollmentKey'; Command = { New-RcEnrollmentKey -Name 'wave 1' -SiteCode 'PS1' -WhatIf } }
        @{ Name = 'Export-RcAuditRecord'; Command = { Export-RcAuditRecord -Path 'TestDrive:/audit.csv' -WhatIf } }
    )
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestHelpers.ps1')
    Import-RcTestModule
}

AfterAll {
    Remove-Module -Name RcGate -Force -ErrorAction SilentlyContinue
}

Describe '<Name> -WhatIf' -ForEach $whatIfCases {
    BeforeEach {
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -MockWith { [pscustomobject]@{ id = 'x'; etag = 'e'; value = @() } }
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sessions/check' } -MockWith {
            [pscustomobject]@{ allowed = $false; reason = 'deviceOffline'; rules = @() }
        }
        Connect-RcTestServer
    }
    AfterEach { Disconnect-RcServer }

    It 'sends no request that changes state' {
        $null = & $Command
        Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 0 -Exactly -ParameterFilter {
            "$Method" -ne 'Get' -and -not ("$Method" -eq 'Post' -and $Uri.AbsolutePath -eq '/api/v1/sessions/check')
        }
        Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 0 -Exactly -ParameterFilter { $null -ne $OutFile -and "$OutFile" -ne '' }
        Test-Path -LiteralPath 'TestDrive:/audit.csv' | Should -BeFalse
    }
}

Describe 'Start-RcSession -WhatIf' {
    BeforeEach {
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -MockWith { throw "unexpected request $Method $Uri" }
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sessions/check' } -MockWith {
            [pscustomobject]@{
                allowed = $false
                reason  = 'remoteControlDisabled'
                rules   = @(
                    [pscustomobject]@{ rule = 'deviceInScope'; passed = $true; detail = '' }
                    [pscustomobject]@{ rule = 'remoteControlEnabled'; passed = $false; detail = 'enableRemoteControl is false' }
                )
            }
        }
        Connect-RcTestServer
    }
    AfterEach { Disconnect-RcServer }

    It 'outputs the policy verdict of POST /sessions/check and creates nothing' {
        $check = Start-RcSession -DeviceId 'd1' -Type remoteDesktop -Reason 'INC0001' -WhatIf
        $check.allowed | Should -BeFalse
        $check.reason | Should -Be 'remoteControlDisabled'
        $check.deviceId | Should -Be 'd1'
        Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter {
            $request = ConvertFrom-RcTestBody -Body $Body
            $Uri.AbsolutePath -eq '/api/v1/sessions/check' -and $request.type -eq 'remoteDesktop' -and
            $request.accessLevel -eq 'fullControl' -and $request.reason -eq 'INC0001'
        }
    }
}
