#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestHelpers.ps1')
    Import-RcTestModule
}

AfterAll {
    Remove-Module -Name RcGate -Force -ErrorAction SilentlyContinue
}

Describe 'Connect-RcServer' {
    BeforeEach {
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -MockWith { throw "unexpected request $Method $Uri" }
    }
    AfterEach { Disconnect-RcServer }

    It 'checks the token with GET /api/v1/me and returns the principal' {
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsoluteUri -eq 'https://rc.test/api/v1/me' } -MockWith {
            [pscustomobject]@{ name = 'CONTOSO\alice'; role = 'remoteToolsOperator' }
        }
        $connection = Connect-RcServer -Uri 'https://rc.test/api/v1/' -Token $RcTestToken
        $connection.Principal | Should -Be 'CONTOSO\alice'
        $connection.Role | Should -Be 'remoteToolsOperator'
        $connection.Uri | Should -Be 'https://rc.test'
        $connection.PSTypeNames[0] | Should -Be 'RcGate.Connection'
        Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter {
            $Headers['Authorization'] -eq "Bearer $RcTestToken"
        }
    }

    It 'takes the token from the password of -Credential' {
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/me' } -MockWith {
            [pscustomobject]@{ name = 'pipeline-deploy'; role = 'readOnlyAnalyst' }
        }
        $credential = [pscredential]::new('token', (ConvertTo-SecureString -String 'from-credential' -AsPlainText -Force))
        $null = Connect-RcServer -Uri 'https://rc.test' -Credential $credential
        Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter {
            $Headers['Authorization'] -eq 'Bearer from-credential'
        }
    }

    It 'fails with AuthenticationError for a bad token and keeps no connection' {
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/me' } -MockWith {
            throw (New-RcTestHttpError -StatusCode 401 -Problem @{ title = 'Unauthorized'; status = 401; code = 'invalidToken' })
        }
        $caught = $null
        try { Connect-RcServer -Uri 'https://rc.test' -Token 'wrong' } catch { $caught = $_ }
        ($caught.FullyQualifiedErrorId -split ',')[0] | Should -Be 'invalidToken'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $caught = $null
        try { Get-RcSite -ErrorAction Stop } catch { $caught = $_ }
        ($caught.FullyQualifiedErrorId -split ',')[0] | Should -Be 'notConnected'
    }

    It 'refuses an address without a scheme' {
        { Connect-RcServer -Uri 'rc.test' -Token $RcTestToken } | Should -Throw -ErrorId 'invalidServerUri*'
    }
}

Describe 'Invoke-RcApi' {
    BeforeEach {
        Mock -ModuleName RcGate -CommandName Invoke-RestMethod -MockWith { throw "unexpected request $Method $Uri" }
        Mock -ModuleName RcGate -CommandName Start-Sleep -MockWith { return }
        Connect-RcTestServer -MaximumRetryCount 3
    }
    AfterEach { Disconnect-RcServer }

    Context 'paging' {
        BeforeEach {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/devices' -and $Uri.Query -notmatch 'cursor' } -MockWith {
                [pscustomobject]@{ value = @((New-RcTestDevice -Id 'd1'), (New-RcTestDevice -Id 'd2')); nextLink = 'https://rc.test/api/v1/devices?cursor=p2' }
            }
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.Query -match 'cursor=p2' } -MockWith {
                [pscustomobject]@{ value = @((New-RcTestDevice -Id 'd3')); nextLink = 'https://rc.test/api/v1/devices?cursor=p3' }
            }
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.Query -match 'cursor=p3' } -MockWith {
                [pscustomobject]@{ value = @((New-RcTestDevice -Id 'd4')) }
            }
        }

        It 'follows nextLink to the last page with -All' {
            $devices = @(Get-RcDevice -All)
            ($devices | ForEach-Object { $_.id }) -join ',' | Should -Be 'd1,d2,d3,d4'
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 3 -Exactly -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/devices' }
        }

        It 'yields only the first page without -All, and warns that there is more' {
            $result = Invoke-RcTestCommand { Get-RcDevice }
            ($result.Output | ForEach-Object { $_.id }) -join ',' | Should -Be 'd1,d2'
            $result.Warnings.Count | Should -Be 1
            $result.Warnings[0].Message | Should -BeLike '*-All*'
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 0 -Exactly -ParameterFilter { $Uri.Query -match 'cursor' }
        }

        It 'refuses a nextLink that points to another server' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sites' } -MockWith {
                [pscustomobject]@{ value = @([pscustomobject]@{ code = 'PS1' }); nextLink = 'https://evil.example/api/v1/sites?cursor=x' }
            }
            $result = Invoke-RcTestCommand { Get-RcSite -All }
            $result.Output.Count | Should -Be 1
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -Be 'foreignNextLink,Get-RcSite'
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 0 -Exactly -ParameterFilter { $Uri.Host -eq 'evil.example' }
        }
    }

    Context 'query parameters' {
        It 'sends -Filter, -OrderBy and -Top, and leaves out the unbound ones' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/devices' } -MockWith {
                [pscustomobject]@{ value = @() }
            }
            Get-RcDevice -Filter "joinType eq 'workgroup'" -Top 50
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter {
                (Get-RcTestQuery -Uri $Uri) -eq "?filter=joinType eq 'workgroup'&top=50"
            }
        }

        It 'looks devices up by name with single quotes doubled' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/devices' } -MockWith {
                [pscustomobject]@{ value = @((New-RcTestDevice -Id 'd9' -Name "O'BRIEN-PC")) }
            }
            (Get-RcDevice -Name "O'BRIEN-PC").id | Should -Be 'd9'
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter {
                (Get-RcTestQuery -Uri $Uri) -eq "?filter=name eq 'O''BRIEN-PC'"
            }
        }

        It 'escapes ids in the path' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Method -eq 'Post' } -MockWith {
                [pscustomobject]@{ id = 't1'; name = 'ci'; token = 'new-token' }
            }
            $null = New-RcApiToken -Principal 'CONTOSO\bob' -Name 'ci'
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter {
                [uri]::UnescapeDataString($Uri.AbsolutePath) -eq '/api/v1/principals/CONTOSO\bob/tokens' -and $Uri.AbsolutePath -notmatch 'CONTOSO/bob'
            }
        }
    }

    Context 'retries' {
        It 'retries a 429 after its Retry-After, with the same Idempotency-Key' {
            $script:attempts = 0
            $script:keys = [System.Collections.ArrayList]::new()
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/collections' } -MockWith {
                $script:attempts++
                $null = $script:keys.Add($Headers['Idempotency-Key'])
                if ($script:attempts -eq 1) {
                    throw (New-RcTestHttpError -StatusCode 429 -Headers @{ 'Retry-After' = '7' } -Problem @{ title = 'Too Many Requests'; status = 429; code = 'rateLimited' })
                }
                [pscustomobject]@{ id = 'c1'; name = 'Helpdesk PCs' }
            }
            $collection = New-RcCollection -Name 'Helpdesk PCs'
            $collection.id | Should -Be 'c1'
            $script:attempts | Should -Be 2
            $script:keys[0] | Should -Not -BeNullOrEmpty
            $script:keys[1] | Should -Be $script:keys[0]
            { [guid]::Parse($script:keys[0]) } | Should -Not -Throw
            Should -Invoke -ModuleName RcGate -CommandName Start-Sleep -Times 1 -Exactly -ParameterFilter { $Seconds -eq 7 }
        }

        It 'retries a 503 and gives up after MaximumRetryCount retries' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sites' } -MockWith {
                throw (New-RcTestHttpError -StatusCode 503 -Headers @{ 'Retry-After' = '1' } -Problem @{ title = 'Service Unavailable'; status = 503; code = 'serviceUnavailable' })
            }
            $failures = (Invoke-RcTestCommand { Get-RcSite }).Errors
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'serviceUnavailable,Get-RcSite'
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 4 -Exactly -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sites' }
            Should -Invoke -ModuleName RcGate -CommandName Start-Sleep -Times 3 -Exactly
        }

        It 'does not retry other errors' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sites' } -MockWith {
                throw (New-RcTestHttpError -StatusCode 500 -Problem @{ title = 'Internal Server Error'; status = 500; code = 'internalError' })
            }
            Get-RcSite -ErrorAction SilentlyContinue
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sites' }
            Should -Invoke -ModuleName RcGate -CommandName Start-Sleep -Times 0 -Exactly
        }

        It 'sends a new Idempotency-Key for each logical POST' {
            $script:keys = [System.Collections.ArrayList]::new()
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Method -eq 'Post' } -MockWith {
                $null = $script:keys.Add($Headers['Idempotency-Key'])
                [pscustomobject]@{ id = [guid]::NewGuid().ToString() }
            }
            $null = New-RcCollection -Name 'A'
            $null = New-RcCollection -Name 'B'
            $script:keys.Count | Should -Be 2
            $script:keys[0] | Should -Not -Be $script:keys[1]
        }

        It 'sends no Idempotency-Key on GET' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sites' } -MockWith { [pscustomobject]@{ value = @() } }
            Get-RcSite
            Should -Invoke -ModuleName RcGate -CommandName Invoke-RestMethod -Times 1 -Exactly -ParameterFilter {
                $Uri.AbsolutePath -eq '/api/v1/sites' -and -not $Headers.ContainsKey('Idempotency-Key')
            }
        }
    }

    Context 'problem details become error records' {
        It 'maps HTTP <Status> with code <Code> to <Category>' -ForEach @(
            @{ Status = 400; Code = 'invalidFilter'; Category = 'InvalidArgument' }
            @{ Status = 401; Code = 'invalidToken'; Category = 'AuthenticationError' }
            @{ Status = 403; Code = 'forbidden'; Category = 'PermissionDenied' }
            @{ Status = 404; Code = 'siteNotFound'; Category = 'ObjectNotFound' }
            @{ Status = 409; Code = 'siteHasChildren'; Category = 'ResourceExists' }
            @{ Status = 409; Code = 'deviceBusy'; Category = 'ResourceBusy' }
            @{ Status = 412; Code = 'etagMismatch'; Category = 'InvalidOperation' }
            @{ Status = 422; Code = 'idempotencyKeyReused'; Category = 'InvalidArgument' }
            @{ Status = 428; Code = 'ifMatchRequired'; Category = 'InvalidOperation' }
            @{ Status = 500; Code = 'internalError'; Category = 'NotSpecified' }
        ) {
            $script:problemStatus = $Status
            $script:problemCode = $Code
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sites/PS1' } -MockWith {
                throw (New-RcTestHttpError -StatusCode $script:problemStatus -Problem @{
                        type = 'about:blank'; title = 'Failed'; status = $script:problemStatus; code = $script:problemCode
                        detail = 'Something about PS1'; traceId = 'trace-1'
                    })
            }
            $failures = (Invoke-RcTestCommand { Get-RcSite -SiteCode 'PS1' }).Errors
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "$Code,Get-RcSite"
            $failures[0].CategoryInfo.Category | Should -Be $Category
            $failures[0].Exception.Message | Should -BeLike '*Something about PS1*'
            $failures[0].Exception.Message | Should -BeLike '*GET /sites/PS1*'
        }

        It 'keeps the policy reason and validation errors of the problem' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/collections' } -MockWith {
                throw (New-RcTestHttpError -StatusCode 400 -Problem @{
                        title = 'Validation failed'; status = 400; code = 'validationFailed'
                        errors = @(@{ field = 'name'; code = 'required'; message = 'name must not be empty' })
                    })
            }
            $failures = (Invoke-RcTestCommand { New-RcCollection -Name 'x' }).Errors
            $failures[0].Exception.Message | Should -BeLike '*name: name must not be empty*'
            $failures[0].TargetObject.code | Should -Be 'validationFailed'
        }

        It 'takes the code from X-Error-Code when the body is not problem+json' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sites' } -MockWith {
                throw (New-RcTestHttpError -StatusCode 403 -Headers @{ 'X-Error-Code' = 'roleNotAllowed' })
            }
            $failures = (Invoke-RcTestCommand { Get-RcSite }).Errors
            $failures[0].FullyQualifiedErrorId | Should -Be 'roleNotAllowed,Get-RcSite'
            $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        }

        It 'stops the pipeline with -ErrorAction Stop' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/devices/missing' } -MockWith {
                throw (New-RcTestHttpError -StatusCode 404 -Problem @{ title = 'Not Found'; status = 404; code = 'deviceNotFound' })
            }
            { Get-RcDevice -Id 'missing' -ErrorAction Stop } | Should -Throw -ErrorId 'deviceNotFound,Get-RcDevice'
        }
    }

    Context 'the token stays secret' {
        It 'writes method and URI to the verbose stream, never the token' {
            Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/sites' } -MockWith {
                throw (New-RcTestHttpError -StatusCode 401 -Problem @{ title = 'Unauthorized'; status = 401; code = 'invalidToken' })
            }
            $records = @(Get-RcSite -Verbose 4>&1 2>&1)
            $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })
            $failures = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $failures.Count | Should -Be 1
            $verbose | Should -Contain 'GET https://rc.test/api/v1/sites'
            ($verbose -join "`n") | Should -Not -BeLike "*$RcTestToken*"
            ($failures | Out-String) | Should -Not -BeLike "*$RcTestToken*"
            $failures[0].Exception.InnerException | Should -BeNullOrEmpty
        }
    }
}
