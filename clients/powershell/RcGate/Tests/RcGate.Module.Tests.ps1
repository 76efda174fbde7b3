#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeDiscovery {
    $publicFolder = Join-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -ChildPath 'Public'
    $publicFunctions = @(Get-ChildItem -Path $publicFolder -Filter '*.ps1' | ForEach-Object { @{ Name = $_.BaseName } })
    $stateChangingVerbs = @('Add', 'Import', 'New', 'Publish', 'Remove', 'Set', 'Start', 'Stop', 'Unpublish', 'Export')
    $stateChanging = @($publicFunctions | Where-Object { ($_.Name -split '-')[0] -in $stateChangingVerbs })
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestHelpers.ps1')
    Import-RcTestModule
    $moduleRoot = Split-Path -Path $PSScriptRoot -Parent
    $manifestPath = Join-Path -Path $moduleRoot -ChildPath 'RcGate.psd1'
}

AfterAll {
    Remove-Module -Name RcGate -Force -ErrorAction SilentlyContinue
}

Describe 'RcGate module manifest' {
    It 'is a valid manifest for Windows PowerShell 5.1 and PowerShell 7' {
        $manifest = Test-ModuleManifest -Path $manifestPath -ErrorAction Stop
        $manifest.Version | Should -Be ([version]'0.1.0')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        (@($manifest.CompatiblePSEditions) | Sort-Object) -join ',' | Should -Be 'Core,Desktop'
    }

    It 'exports exactly the functions in Public/, and no private helper' {
        $expected = @(Get-ChildItem -Path (Join-Path -Path $moduleRoot -ChildPath 'Public') -Filter '*.ps1' | ForEach-Object { $_.BaseName } | Sort-Object)
        $exported = @((Get-Module -Name RcGate).ExportedFunctions.Keys | Sort-Object)
        $exported -join ',' | Should -Be ($expected -join ',')
        Get-Command -Module RcGate -Name 'Invoke-RcApi' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'exports the Update- aliases of the Set- cmdlets' {
        (Get-Alias -Name 'Update-RcCollection').ResolvedCommandName | Should -Be 'Set-RcCollection'
        (Get-Alias -Name 'Update-RcClientSetting').ResolvedCommandName | Should -Be 'Set-RcClientSetting'
    }
}

Describe '<Name>' -ForEach $publicFunctions {
    BeforeAll {
        $command = Get-Command -Name $Name -Module RcGate
        $help = Get-Help -Name $Name -Full
        $commonParameters = @('Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction',
            'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable', 'WhatIf', 'Confirm')
    }

    It 'uses an approved verb' {
        $command.Verb | Should -BeIn @(Get-Verb | ForEach-Object { $_.Verb })
    }

    It 'has a synopsis, a description and at least one example' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$Name *"
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
    }

    It 'documents every parameter' {
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $commonParameters }) {
            $parameterHelp = $help.Parameters.Parameter | Where-Object { $_.Name -eq $parameter }
            ($parameterHelp.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name needs a .PARAMETER entry"
        }
    }
}

Describe '<Name> supports -WhatIf and -Confirm' -ForEach $stateChanging {
    It 'declares SupportsShouldProcess' {
        $parameters = (Get-Command -Name $Name -Module RcGate).Parameters
        $parameters.ContainsKey('WhatIf') | Should -BeTrue
        $parameters.ContainsKey('Confirm') | Should -BeTrue
    }
}
