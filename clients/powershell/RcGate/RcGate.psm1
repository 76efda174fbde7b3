# RcGate module loader: Windows PowerShell 5.1 (Desktop) and PowerShell 7 (Core).

# Connection state written by Connect-RcServer and read by Invoke-RcApi.
$script:RcConnection = $null

# Seconds between polls while Start-RcSession -Wait waits for the user's consent.
$script:RcPollIntervalSeconds = 2

# Upper bound for one wait between retries of a 429 or 503 answer.
$script:RcMaxRetryDelaySeconds = 120

foreach ($folder in @('Private', 'Public')) {
    $folderPath = Join-Path -Path $PSScriptRoot -ChildPath $folder
    foreach ($file in @(Get-ChildItem -Path $folderPath -Filter '*.ps1' -File -ErrorAction SilentlyContinue)) {
        . $file.FullName
    }
}

# The Remote Tools verbs in the design notes say Update-; the cmdlets follow PowerShell's Set- convention.
Set-Alias -Name 'Update-RcCollection' -Value 'Set-RcCollection'
Set-Alias -Name 'Update-RcClientSetting' -Value 'Set-RcClientSetting'

$publicFunctions = @(Get-ChildItem -Path (Join-Path -Path $PSScriptRoot -ChildPath 'Public') -Filter '*.ps1' -File |
        ForEach-Object { $_.BaseName })
Export-ModuleMember -Function $publicFunctions -Alias @('Update-RcCollection', 'Update-RcClientSetting')
