#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestHelpers.ps1')
    Import-RcTestModule
}

AfterAll {
    Remove-Module -Name RcGate -Force -ErrorAction SilentlyContinue
}

Describe 'Pipeline binding' {
    BeforeEach {
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -MockWith { throw "unexpected request $Method $Uri" }
        Mock -ModuleName RcGate -CommandName Start-Sleep -MockWith { return }
        Connect-RcTestServer
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/collections/c1/members' } -MockWith {
            [pscustomobject]@{ value = @((New-RcTestDevice -Id 'd1'), (New-RcTestDevice -Id 'd2')) }
        }
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sessions/check' } -MockWith {
            $request = ConvertFrom-RcTestBody -Body $Body
            [pscustomobject]@{
                allowed = $request.deviceId -eq 'd1'
                reason  = $(if ($request.deviceId -eq 'd1') { $null } else { 'viewerNotPermitted' })
                rules   = @([pscustomobject]@{ rule = 'viewerPermitted'; passed = $request.deviceId -eq 'd1'; detail = '' })
            }
        }
    }
    AfterEach { Disconnect-RcServer }

    It 'binds the id of each collection member to Start-RcSession -DeviceId, and -WhatIf only checks policy' {
        $checks = @(Get-RcCollectionMember -CollectionId 'c1' | Start-RcSession -ViewOnly -WhatIf)

        $checks.Count | Should -Be 2
        $checks[0].PSTypeNames[0] | Should -Be 'RcGate.SessionCheck'
        $checks[0].deviceId | Should -Be 'd1'
        $checks[0].allowed | Should -BeTrue
        $checks[1].deviceId | Should -Be 'd2'
        $checks[1].reason | Should -Be 'viewerNotPermitted'
        foreach ($deviceId in 'd1', 'd2') {
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter {
                $request = ConvertFrom-RcTestBody -Body $Body
                $Uri.AbsolutePath -eq '/api/v1/sessions/check' -and $request.deviceId -eq $deviceId -and
                $request.accessLevel -eq 'viewOnly' -and $request.type -eq 'remoteControl'
            }
        }
        Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 0 -Exactly -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sessions' }
    }

    It 'accepts a collection object for -CollectionId (its ToString is its id)' {
        $collection = [pscustomobject]@{ id = 'c1'; name = 'Helpdesk PCs' }
        $collection.PSTypeNames.Insert(0, 'RcGate.Collection')
        $members = @(Get-RcCollectionMember -CollectionId $collection)
        $members.Count | Should -Be 2
    }

    It 'binds collections piped to Get-RcCollectionMember by their id' {
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/collections' } -MockWith {
            [pscustomobject]@{ value = @([pscustomobject]@{ id = 'c1'; name = 'Helpdesk PCs'; etag = 'e1' }) }
        }
        $members = @(Get-RcCollection -Name 'Helpdesk PCs' | Get-RcCollectionMember)
        ($members | ForEach-Object { $_.id }) -join ',' | Should -Be 'd1,d2'
        $members[0].PSTypeNames[0] | Should -Be 'RcGate.Device'
    }

    It 'pipes filtered devices into Get-RcResultantSetting' {
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/devices' } -MockWith {
            [pscustomobject]@{ value = @((New-RcTestDevice -Id 'w1'), (New-RcTestDevice -Id 'w2')) }
        }
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -like '/api/v1/devices/*/resultant-settings' } -MockWith {
            [pscustomobject]@{ sourceClientSettingsId = 'default'; remoteTools = [pscustomobject]@{ enableRemoteControl = $false } }
        }

        $settings = @(Get-RcDevice -Filter "joinType eq 'workgroup'" | Get-RcResultantSetting)

        $settings.Count | Should -Be 2
        ($settings | ForEach-Object { $_.deviceId }) -join ',' | Should -Be 'w1,w2'
        $settings[0].PSTypeNames[0] | Should -Be 'RcGate.ResultantSetting'
        Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter {
            (Get-RcTestQuery -Uri $Uri) -eq "?filter=joinType eq 'workgroup'"
        }
        Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/devices/w2/resultant-settings' }
    }

    It 'binds the deviceId of a session, not its own id, to -DeviceId' {
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -like '/api/v1/devices/*/resultant-settings' } -MockWith {
            [pscustomobject]@{ sourceClientSettingsId = 'default'; remoteTools = $null }
        }
        $session = [pscustomobject]@{ id = 's1'; deviceId = 'd7'; state = 'active' }
        $null = $session | Get-RcResultantSetting
        Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/devices/d7/resultant-settings' }
    }

    It 'binds the sourceClientSettingsId of resultant settings, not their id, to Get-RcClientSetting' {
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/devices/d1/resultant-settings' } -MockWith {
            [pscustomobject]@{ id = 'rs-d1'; deviceId = 'd1'; sourceClientSettingsId = 'cs7'; remoteTools = [pscustomobject]@{ enableRemoteControl = $true } }
        }
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/client-settings/cs7' } -MockWith {
            [pscustomobject]@{ id = 'cs7'; name = 'Helpdesk'; priority = 5; etag = 'e7' }
        }
        $setting = Get-RcResultantSetting -DeviceId 'd1' | Get-RcClientSetting
        $setting.id | Should -Be 'cs7'
        $setting.PSTypeNames[0] | Should -Be 'RcGate.ClientSetting'
    }

    It 'ends the sessions piped from Get-RcSession' {
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sessions' -and $Method -eq 'Get' } -MockWith {
            [pscustomobject]@{ value = @([pscustomobject]@{ id = 's1'; deviceId = 'd1'; state = 'active' }, [pscustomobject]@{ id = 's2'; deviceId = 'd2'; state = 'active' }) }
        }
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -like '/api/v1/sessions/*/end' } -MockWith {
            [pscustomobject]@{ id = 's1'; state = 'ended'; endReason = 'endedByAdministrator' }
        }
        Get-RcSession -State active | Stop-RcSession -Confirm:$false
        Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter { (Get-RcTestQuery -Uri $Uri) -eq '?state=active' }
        Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter { $Method -eq 'Post' -and $Uri.AbsolutePath -eq '/api/v1/sessions/s1/end' }
        Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter { $Method -eq 'Post' -and $Uri.AbsolutePath -eq '/api/v1/sessions/s2/end' }
    }

    It 'sends If-Match from the etag of a client settings object piped to Set-RcClientSetting' {
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/client-settings/cs1' -and $Method -eq 'Get' } -MockWith {
            [pscustomobject]@{ id = 'cs1'; name = 'Helpdesk'; priority = 10; etag = 'W/"v1"'; remoteTools = [pscustomobject]@{ enableRemoteControl = $true } }
        }
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Method -eq 'Patch' } -MockWith {
            [pscustomobject]@{ id = 'cs1'; name = 'Helpdesk'; priority = 10; etag = 'W/"v2"' }
        }

        $changed = Get-RcClientSetting -ClientSettingId 'cs1' | Set-RcClientSetting -RemoteTools @{ promptUserForPermission = $false } -PassThru

        $changed.etag | Should -Be 'W/"v2"'
        $changed.PSTypeNames[0] | Should -Be 'RcGate.ClientSetting'
        Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter {
            $request = ConvertFrom-RcTestBody -Body $Body
            $Method -eq 'Patch' -and $Uri.AbsolutePath -eq '/api/v1/client-settings/cs1' -and $Headers['If-Match'] -eq 'W/"v1"' -and
            $request.remoteTools.promptUserForPermission -eq $false -and $null -eq $request.PSObject.Properties['name']
        }
    }

    It 'reads the etag first when Set-RcClientSetting gets only an id, and quotes it' {
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/client-settings/cs1' -and $Method -eq 'Get' } -MockWith {
            [pscustomobject]@{ id = 'cs1'; etag = 'v1' }
        }
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Method -eq 'Patch' } -MockWith { [pscustomobject]@{ id = 'cs1'; etag = 'v2' } }
        Set-RcClientSetting -ClientSettingId 'cs1' -Name 'Renamed' -Confirm:$false
        Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter { $Method -eq 'Patch' -and $Headers['If-Match'] -eq '"v1"' }
    }

    It 'gives each output its RcGate type name' -ForEach @(
        @{ Command = 'Get-RcSite'; Path = '/api/v1/sites'; TypeName = 'RcGate.Site' }
        @{ Command = 'Get-RcDevice'; Path = '/api/v1/devices'; TypeName = 'RcGate.Device' }
        @{ Command = 'Get-RcCollection'; Path = '/api/v1/collections'; TypeName = 'RcGate.Collection' }
        @{ Command = 'Get-RcClientSetting'; Path = '/api/v1/client-settings'; TypeName = 'RcGate.ClientSetting' }
        @{ Command = 'Get-RcSession'; Path = '/api/v1/sessions'; TypeName = 'RcGate.Session' }
        @{ Command = 'Get-RcAuditRecord'; Path = '/api/v1/audit-records'; TypeName = 'RcGate.AuditRecord' }
    ) {
        $script:listPath = $Path
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq $script:listPath } -MockWith {
            [pscustomobject]@{ value = @([pscustomobject]@{ id = 'x1'; code = 'PS1'; seq = 1 }) }
        }
        $item = & $Command
        $item.PSTypeNames[0] | Should -Be $TypeName
    }
}
