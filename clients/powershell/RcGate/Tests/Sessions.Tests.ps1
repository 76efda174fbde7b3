#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestHelpers.ps1')
    Import-RcTestModule
}

AfterAll {
    Remove-Module -Name RcGate -Force -ErrorAction SilentlyContinue
}

Describe 'Sessions' {
    BeforeEach {
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -MockWith { throw "unexpected request $Method $Uri" }
        Mock -ModuleName RcGate -CommandName Start-Sleep -MockWith { return }
        Connect-RcTestServer
    }
    AfterEach { Disconnect-RcServer }

    Context 'Start-RcSession' {
        It 'requests full control by default and view-only with -ViewOnly, in the API spelling of the type' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sessions' } -MockWith {
                [pscustomobject]@{ id = 's1'; deviceId = 'd1'; state = 'ready'; viewerTicket = 'ticket-1' }
            }
            $null = Start-RcSession -DeviceId 'd1' -Confirm:$false
            $null = Start-RcSession -DeviceId 'd1' -Type REMOTEASSISTANCE -ViewOnly -Confirm:$false
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter {
                $request = ConvertFrom-RcTestBody -Body $Body
                $request.accessLevel -eq 'fullControl' -and $request.type -eq 'remoteControl' -and $null -eq $request.PSObject.Properties['reason']
            }
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter {
                $request = ConvertFrom-RcTestBody -Body $Body
                $request.accessLevel -eq 'viewOnly' -and $request.type -eq 'remoteAssistance'
            }
        }

        It 'returns the session with the viewer ticket when no consent is needed' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sessions' } -MockWith {
                [pscustomobject]@{ id = 's1'; deviceId = 'd1'; state = 'ready'; consentRequired = $false; viewerTicket = 'ticket-1' }
            }
            $session = Start-RcSession -DeviceId 'd1' -Wait -Confirm:$false
            $session.PSTypeNames[0] | Should -Be 'RcGate.Session'
            $session.id | Should -Be 's1'
            $session.viewerTicket | Should -Be 'ticket-1'
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 0 -Exactly -ParameterFilter { $Uri.AbsolutePath -like '/api/v1/sessions/*' }
        }

        It 'with -Wait, polls until the user consents, then gets a viewer ticket' {
            $script:polls = 0
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sessions' } -MockWith {
                [pscustomobject]@{ id = 's1'; deviceId = 'd1'; state = 'awaitingConsent' }
            }
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sessions/s1' } -MockWith {
                $script:polls++
                $state = 'awaitingConsent'
                if ($script:polls -ge 3) { $state = 'ready' }
                [pscustomobject]@{ id = 's1'; deviceId = 'd1'; state = $state }
            }
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sessions/s1/viewer-ticket' } -MockWith {
                [pscustomobject]@{
                    sessionId = 's1'; viewerTicket = 'ticket-2'; viewerTicketExpiresAt = '2026-11-24T10:01:00.000Z'
                    relayUrl = 'wss://rc.test/relay/v1/connect'; viewerUrl = 'https://rc.test/viewer/s1'
                }
            }

            $session = Start-RcSession -DeviceId 'd1' -Wait -Confirm:$false

            $session.state | Should -Be 'ready'
            $session.viewerTicket | Should -Be 'ticket-2'
            $session.viewerUrl | Should -Be 'https://rc.test/viewer/s1'
            $script:polls | Should -Be 3
            Should -Invoke -ModuleName RcGate -CommandName Start-Sleep -Times 3 -Exactly
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter {
                $Method -eq 'Post' -and $Uri.AbsolutePath -eq '/api/v1/sessions/s1/viewer-ticket' -and $Headers.ContainsKey('Idempotency-Key')
            }
        }

        It 'with -Wait, reports a denied consent as a PermissionDenied error' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sessions' } -MockWith {
                [pscustomobject]@{ id = 's1'; deviceId = 'd1'; state = 'awaitingConsent' }
            }
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sessions/s1' } -MockWith {
                [pscustomobject]@{ id = 's1'; deviceId = 'd1'; state = 'ended'; endReason = 'consentDenied' }
            }
            $result = Invoke-RcTestCommand { Start-RcSession -DeviceId 'd1' -Wait -Confirm:$false }
            $result.Output | Should -BeNullOrEmpty
            $failures = $result.Errors
            $failures[0].FullyQualifiedErrorId | Should -Be 'consentDenied,Start-RcSession'
            $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 0 -Exactly -ParameterFilter { $Uri.AbsolutePath -like '*/viewer-ticket' }
        }

        It 'reports a policy denial with its reason, and a busy device as ResourceBusy' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sessions' -and (ConvertFrom-RcTestBody -Body $Body).deviceId -eq 'd1' } -MockWith {
                throw (New-RcTestHttpError -StatusCode 403 -Problem @{ title = 'Forbidden'; status = 403; code = 'viewerNotPermitted'; reason = 'viewerNotPermitted'; detail = 'Session denied (viewerNotPermitted).' })
            }
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sessions' -and (ConvertFrom-RcTestBody -Body $Body).deviceId -eq 'd2' } -MockWith {
                throw (New-RcTestHttpError -StatusCode 409 -Problem @{ title = 'Conflict'; status = 409; code = 'deviceBusy'; reason = 'deviceBusy' })
            }
            $failures = (Invoke-RcTestCommand { Start-RcSession -DeviceId 'd1', 'd2' -Confirm:$false }).Errors
            $failures.Count | Should -Be 2
            $failures[0].FullyQualifiedErrorId | Should -Be 'viewerNotPermitted,Start-RcSession'
            $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $failures[0].TargetObject.reason | Should -Be 'viewerNotPermitted'
            $failures[0].Exception.Message | Should -BeLike '*reason: viewerNotPermitted*'
            $failures[1].FullyQualifiedErrorId | Should -Be 'deviceBusy,Start-RcSession'
            $failures[1].CategoryInfo.Category | Should -Be 'ResourceBusy'
        }
    }

    Context 'Test-RcSession' {
        It 'returns the verdict, or only a boolean with -Quiet' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sessions/check' } -MockWith {
                [pscustomobject]@{ allowed = $true; reason = $null; rules = @([pscustomobject]@{ rule = 'deviceOnline'; passed = $true; detail = '' }) }
            }
            $check = Test-RcSession -DeviceId 'd1' -ViewOnly
            $check.PSTypeNames[0] | Should -Be 'RcGate.SessionCheck'
            $check.rules[0].rule | Should -Be 'deviceOnline'
            Test-RcSession -DeviceId 'd1' -Quiet | Should -BeTrue
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 2 -Exactly -ParameterFilter { $Method -eq 'Post' }
        }
    }

    Context 'audit' {
        It 'streams the export to the file in the requested format' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/audit-records/export' } -MockWith {
                Set-Content -LiteralPath $OutFile -Value '{"seq":1,"type":"sessionRequested"}'
            }
            $path = Join-Path -Path $TestDrive -ChildPath 'audit.ndjson'
            $file = Export-RcAuditRecord -Path $path -Format Ndjson -PassThru
            $file.FullName | Should -Be $path
            Get-Content -LiteralPath $path | Should -Be '{"seq":1,"type":"sessionRequested"}'
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter {
                (Get-RcTestQuery -Uri $Uri) -eq '?format=ndjson' -and $Headers['Accept'] -eq 'application/x-ndjson' -and $OutFile -eq $path
            }
        }

        It 'filters audit records by type and time, as RFC 3339 UTC' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/audit-records' } -MockWith { [pscustomobject]@{ value = @() } }
            $from = [datetime]::new(2026, 11, 24, 10, 0, 0, [System.DateTimeKind]::Utc)
            Get-RcAuditRecord -Type sessionDenied -From $from
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter {
                (Get-RcTestQuery -Uri $Uri) -eq '?from=2026-11-24T10:00:00.000Z&type=sessionDenied'
            }
        }

        It 'verifies the chain with GET /audit-records/verify' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/audit-records/verify' } -MockWith {
                [pscustomobject]@{ valid = $false; checked = 41; firstBrokenSeq = 42; lastSeq = 50 }
            }
            Test-RcAuditChain -Quiet | Should -BeFalse
            (Test-RcAuditChain).firstBrokenSeq | Should -Be 42
        }
    }

    Context 'bulk import' {
        It 'sends JSON arrays of at most -BatchSize devices, keeping only the import fields' {
            $script:batches = [System.Collections.ArrayList]::new()
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/devices/import' } -MockWith {
                $text = [System.Text.Encoding]::UTF8.GetString($Body)
                $null = $script:batches.Add($text)
                $created = @(ConvertFrom-Json -InputObject $text | ForEach-Object { $_ } | ForEach-Object {
                        [pscustomobject]@{ id = 'id-' + $_.name; name = $_.name; siteCode = $_.siteCode }
                    })
                [pscustomobject]@{ created = $created.Count; value = $created }
            }
            $rows = @(
                [pscustomobject]@{ name = 'PC-1'; joinType = 'workgroup'; workgroup = 'WORKGROUP'; ipAddresses = '10.0.0.1;10.0.0.2'; createdAt = 'x' }
                [pscustomobject]@{ name = 'PC-2'; joinType = 'domain'; domain = 'contoso.com'; ipAddresses = '' }
                [pscustomobject]@{ name = 'PC-3'; siteCode = 'S01'; joinType = 'workgroup' }
            )
            $devices = @($rows | Import-RcDevice -SiteCode 'PS1' -BatchSize 2 -Confirm:$false)

            ($devices | ForEach-Object { $_.id }) -join ',' | Should -Be 'id-PC-1,id-PC-2,id-PC-3'
            $devices[0].PSTypeNames[0] | Should -Be 'RcGate.Device'
            $script:batches.Count | Should -Be 2
            # Windows PowerShell 5.1 outputs a JSON array as one object: assign first, then count.
            $first = ConvertFrom-Json -InputObject $script:batches[0]
            @($first).Count | Should -Be 2
            $first[0].siteCode | Should -Be 'PS1'
            @($first[0].ipAddresses) -join ',' | Should -Be '10.0.0.1,10.0.0.2'
            $first[0].PSObject.Properties['createdAt'] | Should -BeNullOrEmpty
            $first[1].PSObject.Properties['ipAddresses'] | Should -BeNullOrEmpty
            $script:batches[1].TrimStart().StartsWith('[') | Should -BeTrue
            $second = ConvertFrom-Json -InputObject $script:batches[1]
            @($second).Count | Should -Be 1
            @($second)[0].siteCode | Should -Be 'S01'
        }
    }
}
